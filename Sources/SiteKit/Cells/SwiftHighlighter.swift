/// A small Swift lexer for syntax highlighting: keywords, types (capitalised identifiers),
/// strings with their interpolations, numbers, comments and attributes.
///
/// It is not a parser; it only has to colour lesson cells plausibly and never lose a character:
/// joining the texts of ``tokens(in:)`` always gives back the input.
public enum SwiftHighlighter {
    /// What a piece of code is, for colouring.
    public enum Kind: String, Equatable, Sendable {
        /// A reserved word (`let`, `func`, `try`, …) or a `#` directive (`#if`).
        case keyword
        /// A capitalised identifier, taken to name a type (`Tensor`, `Linear`).
        case type
        /// A string literal's text and quotes.
        case string
        /// The `\(` and `)` around an interpolation inside a string.
        case interpolation
        /// A number literal.
        case number
        /// A line or block comment.
        case comment
        /// An attribute such as `@discardableResult`.
        case attribute
        /// Everything else: identifiers, punctuation, whitespace.
        case plain
    }

    /// One run of code of one kind.
    public struct Token: Equatable, Sendable {
        /// What the run is.
        public var kind: Kind
        /// The exact source text of the run.
        public var text: String

        /// Creates a token.
        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// The tokens of `code`, adjacent runs of the same kind merged.
    public static func tokens(in code: String) -> [Token] {
        var lexer = Lexer(Array(code.unicodeScalars))
        lexer.lexCode(insideInterpolation: false)
        return lexer.tokens
    }

    /// `code` as HTML: each run that is not plain wrapped in `<span class="…">`, text escaped.
    public static func html(_ code: String) -> String {
        tokens(in: code).map { token in
            let text = HTML.escape(token.text)
            guard let cssClass = cssClass[token.kind] else { return text }
            return "<span class=\"\(cssClass)\">\(text)</span>"
        }.joined()
    }

    static let cssClass: [Kind: String] = [
        .keyword: "hl-k", .type: "hl-t", .string: "hl-s", .interpolation: "hl-i",
        .number: "hl-n", .comment: "hl-c", .attribute: "hl-a",
    ]

    static let keywords: Set<String> = [
        "actor", "any", "as", "associatedtype", "async", "await", "borrowing", "break", "case",
        "catch", "class", "consuming", "continue", "convenience", "default", "defer", "deinit", "do",
        "else", "enum", "extension", "fallthrough", "false", "fileprivate", "final", "for", "func",
        "guard", "if", "import", "in", "indirect", "init", "inout", "internal", "is", "lazy", "let",
        "mutating", "nil", "nonisolated", "open", "operator", "override", "private",
        "protocol", "public", "repeat", "required", "rethrows", "return", "self", "Self", "some",
        "static", "struct", "subscript", "super", "switch", "throw", "throws", "true", "try",
        "typealias", "unowned", "var", "weak", "where", "while",
    ]
}

/// The lexer's state: the scalars, a cursor, the tokens so far.
private struct Lexer {
    let s: [Unicode.Scalar]
    var i = 0
    var tokens: [SwiftHighlighter.Token] = []

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        i + offset < s.count ? s[i + offset] : nil
    }

    mutating func emit(_ kind: SwiftHighlighter.Kind, from start: Int) {
        guard start < i else { return }
        var text = ""
        text.unicodeScalars.append(contentsOf: s[start..<i])
        if let last = tokens.last, last.kind == kind {
            tokens[tokens.count - 1].text += text
        } else {
            tokens.append(.init(kind, text))
        }
    }

    /// Code, up to the end or (inside `\(…)`) up to the unbalanced `)`, which is left unread.
    mutating func lexCode(insideInterpolation: Bool) {
        var depth = 0
        while let c = peek() {
            let start = i
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
                emit(.comment, from: start)
            } else if c == "/" && peek(1) == "*" {
                lexBlockComment()
                emit(.comment, from: start)
            } else if c == "\"" || (c == "#" && isRawStringStart()) {
                lexString()
            } else if c == "@" && peek(1).map(isIdentifierStart) == true {
                i += 1
                while let d = peek(), isIdentifierBody(d) { i += 1 }
                emit(.attribute, from: start)
            } else if c == "#" && peek(1).map(isIdentifierStart) == true {
                i += 1
                while let d = peek(), isIdentifierBody(d) { i += 1 }
                emit(.keyword, from: start)
            } else if isDigit(c) {
                lexNumber()
                emit(.number, from: start)
            } else if isIdentifierStart(c) || c == "`" {
                lexIdentifier(from: start)
            } else {
                if c == "(" { depth += 1 }
                if c == ")" {
                    if insideInterpolation && depth == 0 { return }
                    depth -= 1
                }
                i += 1
                emit(.plain, from: start)
            }
        }
    }

    mutating func lexIdentifier(from start: Int) {
        if peek() == "`" {
            i += 1
            while let d = peek(), d != "`", d != "\n" { i += 1 }
            if peek() == "`" { i += 1 }
            emit(.plain, from: start)
            return
        }
        while let d = peek(), isIdentifierBody(d) { i += 1 }
        var word = ""
        word.unicodeScalars.append(contentsOf: s[start..<i])
        let afterDot = start > 0 && s[start - 1] == "."
        if SwiftHighlighter.keywords.contains(word) && !afterDot {
            emit(.keyword, from: start)
        } else if let first = word.unicodeScalars.first, first.properties.isUppercase {
            emit(.type, from: start)
        } else {
            emit(.plain, from: start)
        }
    }

    mutating func lexBlockComment() {
        var depth = 0
        while let c = peek() {
            if c == "/" && peek(1) == "*" { depth += 1; i += 2; continue }
            if c == "*" && peek(1) == "/" {
                depth -= 1; i += 2
                if depth == 0 { return }
                continue
            }
            i += 1
        }
    }

    mutating func lexNumber() {
        if peek() == "0", let x = peek(1), x == "x" || x == "b" || x == "o" {
            i += 2
            while let d = peek(), d.properties.isASCIIHexDigit || d == "_" { i += 1 }
            return
        }
        while let d = peek(), isDigit(d) || d == "_" { i += 1 }
        if peek() == ".", let d = peek(1), isDigit(d) {
            i += 1
            while let d = peek(), isDigit(d) || d == "_" { i += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "-" || peek(1) == "+"
            if let d = peek(signed ? 2 : 1), isDigit(d) {
                i += signed ? 2 : 1
                while let d = peek(), isDigit(d) { i += 1 }
            }
        }
    }

    func isRawStringStart() -> Bool {
        var j = i
        while j < s.count && s[j] == "#" { j += 1 }
        return j < s.count && s[j] == "\""
    }

    /// A string literal: `"…"`, `"""…"""`, raw `#"…"#`, with `\(…)` lexed as code.
    mutating func lexString() {
        var start = i
        var hashes = 0
        while peek() == "#" { hashes += 1; i += 1 }
        let multiline = peek() == "\"" && peek(1) == "\"" && peek(2) == "\""
        i += multiline ? 3 : 1
        while let c = peek() {
            if c == "\n" && !multiline { break }
            if c == "\\" && hasHashes(hashes, at: i + 1) {
                let afterHashes = i + 1 + hashes
                if afterHashes < s.count && s[afterHashes] == "(" {
                    emit(.string, from: start)
                    let open = i
                    i = afterHashes + 1
                    emit(.interpolation, from: open)
                    lexCode(insideInterpolation: true)
                    let close = i
                    if peek() == ")" { i += 1 }
                    emit(.interpolation, from: close)
                    start = i
                    continue
                }
                i = min(afterHashes + 1, s.count)
                continue
            }
            if c == "\"" {
                let quotes = multiline ? 3 : 1
                if (0..<quotes).allSatisfy({ peek($0) == "\"" }) && hasHashes(hashes, at: i + quotes) {
                    i += quotes + hashes
                    break
                }
            }
            i += 1
        }
        emit(.string, from: start)
    }

    func hasHashes(_ count: Int, at index: Int) -> Bool {
        guard index + count <= s.count else { return false }
        return (0..<count).allSatisfy { s[index + $0] == "#" }
    }

    func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic
    }

    func isIdentifierBody(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || isDigit(c)
    }
}
