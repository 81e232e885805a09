import Foundation
import SymbolKit

/// The engine's public API as the reference page shows it, read from the module's symbol graph
/// (what DocC reads, decoded with SymbolKit) into plain values: every public symbol with its
/// declaration and documentation comment, grouped by concept, with the PyTorch name it mirrors.
public struct EngineReference: Equatable, Sendable {
    /// A concept the reference is grouped by, from the folder the symbol is declared in.
    public enum Group: String, CaseIterable, Sendable {
        case tensors = "Tensors and ops"
        case autograd = "Autograd"
        case modules = "Modules"
        case optimizers = "Optimizers"
        case schedulers = "Learning-rate schedulers"
        case instruments = "Instruments"

        /// The group of a file under `Sources/Autograd/`, by its folder.
        static func of(sourcePath: String) -> Group {
            let parts = sourcePath.split(separator: "/").map(String.init)
            guard let root = parts.lastIndex(of: "Autograd").flatMap({ parts.indices.contains($0 + 1) ? $0 + 1 : nil }) else {
                return .autograd
            }
            if parts.contains("Schedulers") { return .schedulers }
            switch parts[root] {
            case "Tensor", "Ops", "Kernels": return .tensors
            case "NN": return .modules
            case "Optim": return .optimizers
            case "Instruments": return .instruments
            default: return .autograd
            }
        }

        /// The anchor of the group's heading.
        var anchor: String { "api-" + HTML.slug(rawValue) }
    }

    /// One symbol (overloads are separate entries).
    public struct Entry: Equatable, Sendable {
        /// `["Tensor", "zero_()"]`.
        public var path: [String]
        /// `Instance Method`, `Class`, …
        public var kind: String
        /// The declaration as Swift writes it.
        public var declaration: String
        /// The documentation comment's Markdown.
        public var documentation: String
        /// The PyTorch spelling the documentation names (`torch.no_grad()`, `zero_grad`), if any.
        public var pytorch: String?
        /// A unique fragment id.
        public var anchor: String
        /// A type's members, in a fixed order.
        public var members: [Entry]

        /// The name code in a lesson would use: `zero_` for `zero_()`, the type for an init.
        var usedName: String? {
            let title = path.last ?? ""
            if title.hasPrefix("init(") || title.hasPrefix("subscript") { return nil }
            let name = String(title.prefix { $0 != "(" })
            return name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !name.isEmpty ? name : nil
        }
    }

    /// The module's name (`Autograd`).
    public var module: String
    /// Each group's top-level entries (types, functions, global properties), sorted by name.
    public var groups: [(group: Group, entries: [Entry])]

    public static func == (a: EngineReference, b: EngineReference) -> Bool {
        a.module == b.module && a.groups.map(\.group) == b.groups.map(\.group) && a.groups.map(\.entries) == b.groups.map(\.entries)
    }

    /// Reads `swift-symbolgraph-extract`'s JSON. Symbols without a source location (synthesized
    /// or inherited from a protocol) are left out; so is anything named with a leading `_`.
    public static func read(_ data: Data) throws -> EngineReference {
        let graph = try JSONDecoder().decode(SymbolGraph.self, from: data)
        var entries: [(symbol: SymbolGraph.Symbol, location: String)] = []
        for symbol in graph.symbols.values {
            guard let location = symbol[mixin: SymbolGraph.Symbol.Location.self]?.uri,
                  !symbol.pathComponents.contains(where: { $0.hasPrefix("_") }) else { continue }
            entries.append((symbol, location))
        }
        func rank(_ kind: String) -> Int {
            ["Type Property", "Initializer", "Case", "Instance Property", "Instance Method", "Type Method", "Subscript", "Operator"]
                .firstIndex(of: kind) ?? 9
        }
        func order(_ a: (symbol: SymbolGraph.Symbol, location: String), _ b: (symbol: SymbolGraph.Symbol, location: String)) -> Bool {
            let (ka, kb) = (a.symbol.kind.displayName, b.symbol.kind.displayName)
            if rank(ka) != rank(kb) { return rank(ka) < rank(kb) }
            let (pa, pb) = (a.symbol.pathComponents.joined(separator: "."), b.symbol.pathComponents.joined(separator: "."))
            if pa != pb { return pa < pb }
            return declaration(a.symbol) < declaration(b.symbol)
        }
        var anchors: [String: Int] = [:]
        func entry(_ item: (symbol: SymbolGraph.Symbol, location: String), members: [Entry]) -> Entry {
            let symbol = item.symbol
            let documentation = symbol.docComment?.lines.map(\.text).joined(separator: "\n") ?? ""
            var anchor = "api-" + symbol.pathComponents.map(anchorName).joined(separator: "-")
            let seen = anchors[anchor, default: 0]
            anchors[anchor] = seen + 1
            if seen > 0 { anchor += "-\(seen + 1)" }
            return Entry(path: symbol.pathComponents, kind: symbol.kind.displayName, declaration: declaration(symbol),
                         documentation: documentation, pytorch: pytorchName(in: documentation), anchor: anchor, members: members)
        }
        let topLevel = entries.filter { $0.symbol.pathComponents.count == 1 }.sorted { a, b in
            a.symbol.pathComponents[0].lowercased() != b.symbol.pathComponents[0].lowercased()
                ? a.symbol.pathComponents[0].lowercased() < b.symbol.pathComponents[0].lowercased() : order(a, b)
        }
        var byGroup: [Group: [Entry]] = [:]
        for item in topLevel {
            let members = entries.filter { $0.symbol.pathComponents.count > 1 && $0.symbol.pathComponents[0] == item.symbol.pathComponents[0] }
                .sorted(by: order)
            let group = Group.of(sourcePath: item.location)
            byGroup[group, default: []].append(entry(item, members: members.map { entry($0, members: []) }))
        }
        return EngineReference(module: graph.module.name,
                               groups: Group.allCases.compactMap { group in byGroup[group].map { (group, $0) } })
    }

    /// A path component as an anchor: the base name (`zero_` of `zero_()`), lowercased;
    /// operators by name (`plus`, `times`, …).
    static func anchorName(_ component: String) -> String {
        let base = String(component.prefix { $0 != "(" })
        let operators = ["+": "plus", "-": "minus", "*": "times", "/": "divide", "==": "equals", "<": "less", ">": "greater",
                         "+=": "plus-equals", "-=": "minus-equals", "*=": "times-equals", "/=": "divide-equals"]
        if let name = operators[base] { return "op-" + name }
        let kept = base.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }
        return kept.isEmpty ? "op" : kept
    }

    /// The declaration's text, as the extractor wrote its fragments.
    static func declaration(_ symbol: SymbolGraph.Symbol) -> String {
        (symbol[mixin: SymbolGraph.Symbol.DeclarationFragments.self]?.declarationFragments.map(\.spelling).joined() ?? symbol.names.title)
            .trimmingCharacters(in: .whitespaces)
    }

    /// The first PyTorch spelling a comment names in code: `torch.…`, `nn.…`, `F.…`,
    /// `optim.…`, or a snake_case name such as `zero_grad()` or `requires_grad_`.
    static func pytorchName(in documentation: String) -> String? {
        var rest = Substring(documentation)
        while let open = rest.range(of: "`") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "`") else { break }
            let span = String(after[..<close.lowerBound])
            rest = after[close.upperBound...]
            if span.isEmpty || span.hasPrefix("`") { continue }
            if let found = span.range(of: #"\b(torch|nn|F|optim)\.[A-Za-z_][\w.]*(\([^()]*\))?"#, options: .regularExpression) {
                return String(span[found])
            }
            if span.range(of: #"^[a-z][a-z0-9]*_[a-z0-9_]*(\(.*\))?$"#, options: .regularExpression) != nil { return span }
        }
        return nil
    }
}
