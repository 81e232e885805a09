import Testing
@testable import SiteKit

@Suite struct SwiftHighlighterTests {
    typealias T = SwiftHighlighter.Token

    func kinds(_ code: String, _ kind: SwiftHighlighter.Kind) -> [String] {
        SwiftHighlighter.tokens(in: code).filter { $0.kind == kind }.map(\.text)
    }

    @Test func keywordsTypesAndNumbers() {
        let code = "let x: Tensor = Tensor.zeros(3, scale: 0.5e-3)"
        #expect(kinds(code, .keyword) == ["let"])
        #expect(kinds(code, .type) == ["Tensor", "Tensor"])
        #expect(kinds(code, .number) == ["3", "0.5e-3"])
    }

    @Test func stringsWithInterpolation() {
        let tokens = SwiftHighlighter.tokens(in: #"print("w = \(w.grad!) done")"#)
        #expect(tokens == [
            T(.plain, "print("), T(.string, #""w = "#), T(.interpolation, #"\("#), T(.plain, "w.grad!"),
            T(.interpolation, ")"), T(.string, #" done""#), T(.plain, ")"),
        ])
    }

    @Test func nestedInterpolationAndEscapes() {
        let code = #"let s = "a \"q\" \(f("x\(1)")) b""#
        #expect(kinds(code, .string) == [#""a \"q\" "#, #""x"#, "\"", #" b""#])
        #expect(kinds(code, .number) == ["1"])
    }

    @Test func rawAndMultilineStrings() {
        #expect(kinds(##"let r = #"a "b" \(x)"#"##, .string) == [##"#"a "b" \(x)"#"##])
        let multi = "let m = \"\"\"\n  line \"quoted\"\n  \"\"\"\nlet y = 1"
        #expect(kinds(multi, .string) == ["\"\"\"\n  line \"quoted\"\n  \"\"\""])
        #expect(kinds(multi, .keyword) == ["let", "let"])
    }

    @Test func commentsAndAttributes() {
        let code = "@MainActor func f() { /* a /* nested */ b */ return } // done\n#if DEBUG"
        #expect(kinds(code, .comment) == ["/* a /* nested */ b */", "// done"])
        #expect(kinds(code, .attribute) == ["@MainActor"])
        #expect(kinds(code, .keyword) == ["func", "return", "#if"])
        #expect(kinds(code, .type) == ["DEBUG"])
    }

    @Test func memberNamedLikeAKeywordIsPlain() {
        #expect(kinds("optimizer.default.init", .keyword).isEmpty)
    }

    @Test func joiningTokensGivesBackTheCode() {
        let samples = ["", "\"unterminated", "/* open", #"x = "\("#, "a.b(c: 0x1F, d: 1_000)\n\t// é ✓"]
        for code in samples {
            #expect(SwiftHighlighter.tokens(in: code).map(\.text).joined() == code)
        }
    }

    @Test func htmlEscapesAndWrapsSpans() {
        #expect(SwiftHighlighter.html("if a < b { print(\"<&>\") }")
            == #"<span class="hl-k">if</span> a &lt; b { print(<span class="hl-s">"&lt;&amp;&gt;"</span>) }"#)
    }
}
