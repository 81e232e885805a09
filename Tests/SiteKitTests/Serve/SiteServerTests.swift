import Foundation
import Testing
@testable import SiteServer
#if canImport(Glibc)
import Glibc
#endif

/// The server driven over real loopback sockets, the way a browser or a hostile client would.
/// Clients block on threads of their own (never the cooperative pool the server runs on), every
/// socket has a receive timeout, and every test a time limit, so nothing here can hang.
@Suite(.serialized, .timeLimit(.minutes(2))) struct SiteServerTests {
    /// A running server and the task serving it.
    final class Running: Sendable {
        let server: SiteServer
        let task: Task<Void, Error>
        let port: UInt16

        init(_ server: SiteServer) async throws {
            self.server = server
            let (stream, ready) = AsyncStream<UInt16>.makeStream()
            task = Task { try await server.run { ready.yield($0); ready.finish() } }
            var port: UInt16 = 0
            for await value in stream { port = value }
            self.port = port
        }

        deinit { task.cancel() }
    }

    static let pages: [String: Data] = [
        "index.html": Data("<!DOCTYPE html><html><head><title>i</title></head><body>index</body></html>".utf8),
        "01-a.html": Data("<!DOCTYPE html><html><head><title>a</title></head><body>\(String(repeating: "a", count: 100_000))</body></html>".utf8),
        "style.css": Data("body{}".utf8),
    ]

    @Test func headGivesHeadersOnlyAndOtherMethodsGet405() async throws {
        let running = try await Running(SiteServer(files: .memory(Self.pages), port: 0))
        let head = try await RawHTTP.exchange(port: running.port, "HEAD /01-a.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(head.status == 200 && head.headers["content-length"] == "\(Self.pages["01-a.html"]!.count)")
        #expect(head.body.isEmpty)
        for method in ["POST", "PUT", "DELETE", "OPTIONS", "BREW"] {
            let reply = try await RawHTTP.exchange(port: running.port, "\(method) /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
            #expect(reply.status == 405 && reply.headers["allow"] == "GET, HEAD", "\(method): \(reply.status)")
        }
        let get = try await RawHTTP.exchange(port: running.port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(get.status == 200 && get.body == Self.pages["index.html"])
    }

    @Test func overlongRequestsAreRefusedWithoutReadingThemWhole() async throws {
        let running = try await Running(SiteServer(files: .memory(Self.pages), port: 0))
        // The server answers once it has seen 8 KiB of line; the client is still sending.
        let line = try await RawHTTP.exchange(port: running.port, "GET /" + String(repeating: "a", count: 2_000_000) + " HTTP/1.1\r\n\r\n")
        #expect(line.status == 414)
        let headers = try await RawHTTP.exchange(port: running.port, "GET / HTTP/1.1\r\n" + String(repeating: "X-A: \(String(repeating: "b", count: 1000))\r\n", count: 100) + "\r\n")
        #expect(headers.status == 431)
        let garbage = try await RawHTTP.exchange(port: running.port, "\u{0}\u{1}\u{2} nonsense\r\n\r\n")
        #expect(garbage.status == 400)
    }

    @Test func aSymbolicLinkOutOfTheFolderIsNotServed() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        let site = base.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("classified-bytes".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try Data("<html>ok</html>".utf8).write(to: site.appendingPathComponent("index.html"))
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("leak.html").path, withDestinationPath: "../secret.txt")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("alias.html").path, withDestinationPath: "index.html")
        let running = try await Running(SiteServer(files: .folder(site), port: 0))
        for path in ["/leak.html", "/etc/passwd", "/../secret.txt", "/%2e%2e/secret.txt", "/.hidden", "/etc/"] {
            let reply = try await RawHTTP.exchange(port: running.port, "GET \(path) HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(reply.status == 404, "\(path) → \(reply.status)")
            #expect(!String(decoding: reply.body, as: UTF8.self).contains("classified-bytes") && !String(decoding: reply.body, as: UTF8.self).contains("root:"))
        }
        let alias = try await RawHTTP.exchange(port: running.port, "GET /alias.html HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(alias.status == 200 && alias.body == Data("<html>ok</html>".utf8))
    }

    /// Sites published back to back while clients read: every answer is a whole page from one
    /// snapshot or the other, never a 404 or a mix.
    @Test func publishingInABurstNeverServesAPartOrAGap() async throws {
        func site(_ letter: Character) -> [String: Data] {
            ["index.html": Data("<html><head></head><body>\(String(repeating: letter, count: 200_000))</body></html>".utf8),
             "01-a.html": Data("<html><head></head><body>\(String(repeating: letter, count: 50_000))</body></html>".utf8)]
        }
        let a = site("a"), b = site("b")
        let running = try await Running(SiteServer(files: .memory(a), port: 0))
        let publisher = Task {
            var flip = false
            while !Task.isCancelled {
                running.server.publish(flip ? a : b)
                flip.toggle()
                try? await Task.sleep(nanoseconds: 200_000)
            }
        }
        defer { publisher.cancel() }
        let replies = try await RawHTTP.many(port: running.port, clients: 10, requestsEach: 40) { n in
            n % 2 == 0 ? "/index.html" : "/01-a.html"
        }
        #expect(replies.count == 400)
        for (path, reply) in replies {
            let whole = path == "/index.html" ? [a["index.html"]!, b["index.html"]!] : [a["01-a.html"]!, b["01-a.html"]!]
            #expect(reply.status == 200 && whole.contains(reply.body), "\(path): \(reply.status), \(reply.body.count) bytes")
        }
        #expect(running.server.version > 10, "the site was not republished during the test")
    }

    @Test func manyRequestsManyAtOnceAllAnswered() async throws {
        let running = try await Running(SiteServer(files: .memory(Self.pages), port: 0))
        let replies = try await RawHTTP.many(port: running.port, clients: 40, requestsEach: 75) { n in
            ["/", "/01-a.html", "/style.css", "/missing.html"][n % 4]
        }
        #expect(replies.count == 3000)
        let wrong = replies.filter { path, reply in reply.status != (path == "/missing.html" ? 404 : 200) }
        #expect(wrong.isEmpty, "\(wrong.count) wrong answers, first: \(wrong.first.map { "\($0.0) → \($0.1.status)" } ?? "")")
    }

    @Test func livePagesCarryTheScriptAndAreToldWhenTheyChange() async throws {
        let running = try await Running(SiteServer(files: .memory(Self.pages), port: 0, liveReload: true))
        let page = try await RawHTTP.exchange(port: running.port, "GET /01-a.html HTTP/1.1\r\nConnection: close\r\n\r\n")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(html.contains("<script src=\"/_freezelab/live.js\" data-page=\"01-a.html\" data-version=\"1\"></script>\n</head>"))
        let script = try await RawHTTP.exchange(port: running.port, "GET /_freezelab/live.js HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(script.status == 200 && String(decoding: script.body, as: UTF8.self).contains("EventSource"))

        // A page already stale when its events channel opens is told at once.
        var changed = Self.pages
        changed["01-a.html"] = Data("<html><head></head><body>new</body></html>".utf8)
        #expect(running.server.publish(changed) == ["01-a.html"])
        let stale = try await RawHTTP.exchange(port: running.port, "GET /_freezelab/events?page=01-a.html&since=1 HTTP/1.1\r\n\r\n")
        #expect(stale.headers["content-type"] == "text/event-stream")
        #expect(String(decoding: stale.body, as: UTF8.self).contains("event: reload\ndata: 01-a.html"))

        // A current page waits, and is told when it changes.
        let waiting = Task { try await RawHTTP.exchange(port: running.port, "GET /_freezelab/events?page=index.html&since=2 HTTP/1.1\r\n\r\n") }
        while running.server.watching == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
        changed["index.html"] = Data("<html><head></head><body>index 2</body></html>".utf8)
        running.server.publish(changed)
        let told = try await waiting.value
        #expect(String(decoding: told.body, as: UTF8.self).contains("event: reload\ndata: index.html"))
    }

    @Test func aServedSiteWithoutLiveReloadHasNoScriptAndNoChannel() async throws {
        let running = try await Running(SiteServer(files: .memory(Self.pages), port: 0))
        let page = try await RawHTTP.exchange(port: running.port, "GET /01-a.html HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(page.body == Self.pages["01-a.html"])
        let events = try await RawHTTP.exchange(port: running.port, "GET /_freezelab/events HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(events.status == 404)
    }
}

/// A minimal blocking HTTP client on POSIX sockets, run on threads of its own.
enum RawHTTP {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// Sends `request` on a new connection, reads until the server closes it (or 20 s pass), and
    /// parses the first response.
    static func exchange(port: UInt16, _ request: String) async throws -> Reply {
        try await onThread { try exchangeBlocking(port: port, Data(request.utf8)) }
    }

    /// `clients` connections at once, each sending `requestsEach` requests one after another
    /// (closing after each); returns every path and reply.
    static func many(port: UInt16, clients: Int, requestsEach: Int, path: @escaping @Sendable (Int) -> String) async throws -> [(String, Reply)] {
        try await withThrowingTaskGroup(of: [(String, Reply)].self) { group in
            for client in 0..<clients {
                group.addTask {
                    try await onThread {
                        try (0..<requestsEach).map { n in
                            let target = path(client * requestsEach + n)
                            return (target, try exchangeBlocking(port: port, Data("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8)))
                        }
                    }
                }
            }
            var all: [(String, Reply)] = []
            for try await replies in group { all += replies }
            return all
        }
    }

    static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    struct Failure: Error { var message: String }

    static func exchangeBlocking(port: UInt16, _ request: Data) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(message: "socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(message: "connect: \(errno)") }
        // Send what the server will take; it may answer and close before reading it all.
        _ = request.withUnsafeBytes { buffer -> Int in
            var sent = 0
            while sent < buffer.count {
                let n = send(fd, buffer.baseAddress! + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
            return sent
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: chunk[..<n])
            // An events stream stays open: one event is enough.
            if let text = String(data: received, encoding: .utf8), text.contains("text/event-stream"), text.contains("event: reload") { break }
        }
        guard let split = received.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(message: "no response head in \(received.count) bytes") }
        let head = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        var body = Data(received[split.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init), body.count > length { body = body.prefix(length) }
        return Reply(status: status, headers: headers, body: body)
    }
}
