import Testing
@testable import SiteServer

@Suite struct RequestHeadTests {
    func parse(_ text: String) -> RequestHead.Parse { RequestHead.parse(Array(text.utf8)) }

    @Test func readsARequestAndItsLength() {
        let text = "GET /01-x.html?page=a%20b&since=3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nrest"
        guard case .head(let head, let length) = parse(text) else { Issue.record("\(parse(text))"); return }
        #expect(length == text.utf8.count - 4)
        #expect(head.method == "GET" && head.path == "/01-x.html" && head.query == ["page": "a b", "since": "3"])
        #expect(head.headers["host"] == "x" && !head.keepAlive)
    }

    @Test func waitsForTheBlankLine() {
        #expect(parse("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete)
        #expect(parse("GET / HT") == .incomplete)
    }

    @Test func refusesOverlongLinesAtOnceAndOverlargeHeads() {
        #expect(parse("GET /" + String(repeating: "a", count: 9000)) == .refuse(414))
        #expect(parse("GET / HTTP/1.1\r\nX: " + String(repeating: "b", count: 40000)) == .refuse(431))
        #expect(parse("GET\r\n\r\n") == .refuse(400))
        #expect(parse("GET / SPDY/3\r\n\r\n") == .refuse(505))
    }
}
