import FlyingSocks
import Foundation
import Synchronization

/// The local web server behind `freezelab serve`: static files on the loopback, and (when live)
/// a reload channel. HTTP/1.1 is spoken here over FlyingSocks' sockets rather than through a
/// general HTTP framework, so the limits a local preview server needs are exact: a request line
/// over 8 KiB is refused with 414 as soon as it is seen (431 for a head over 32 KiB), a client
/// that stalls is dropped after 15 s, only `GET` and `HEAD` are served (405 otherwise), and at
/// most 256 connections are open at once (503 beyond).
///
/// A built site is swapped in whole by ``publish(_:)``: every request is answered from one
/// snapshot, never from files being rewritten.
public final class SiteServer: Sendable {
    /// The address to listen on.
    public let host: String
    /// Whether pages get the live-reload script and the events channel is open.
    public let liveReload: Bool
    private let requestedPort: UInt16
    private let state: Mutex<State>

    /// Seconds a client may take to send a request head, or stay silent between requests.
    static let idleTimeout = 15.0
    /// Connections open at once; more get 503 and are closed.
    static let maxConnections = 256
    /// Seconds between keep-alive comments on an idle events channel.
    static let pingInterval = 15.0

    private struct State {
        var files: SiteFiles
        var version = 1
        /// The version in which each page last changed.
        var pageVersions: [String: Int] = [:]
        var watchers: [UUID: Watcher] = [:]
        var port: UInt16?
        var connections = 0
    }

    private struct Watcher {
        var page: String
        var wake: AsyncStream<Void>.Continuation
    }

    /// Creates a server for `files`; it listens once ``run(ready:)`` is called. Port 0 picks a
    /// free port.
    public init(files: SiteFiles, port: UInt16, host: String = "127.0.0.1", liveReload: Bool = false) {
        self.host = host
        self.requestedPort = port
        self.liveReload = liveReload
        self.state = Mutex(State(files: files))
    }

    /// The port listened on, once listening.
    public var port: UInt16? { state.withLock { $0.port } }

    /// How many open pages are waiting to hear of a change.
    var watching: Int { state.withLock { $0.watchers.count } }

    /// The current site version (1 at start, one more per change published).
    public var version: Int { state.withLock { $0.version } }

    /// Serves `files` from now on. Pages whose bytes changed are told to reload (all pages when
    /// the stylesheet or script changed). Returns the pages that changed.
    @discardableResult
    public func publish(_ files: [String: Data]) -> [String] {
        let woken: [AsyncStream<Void>.Continuation]
        let changed: [String]
        (changed, woken) = state.withLock { state in
            let old: [String: Data]
            if case .memory(let files) = state.files { old = files } else { old = [:] }
            var changed = Set(files.keys.filter { old[$0] != files[$0] }).union(old.keys.filter { files[$0] == nil })
            guard !changed.isEmpty else { return ([], []) }
            if changed.contains(where: { $0.hasSuffix(".css") || ($0.hasSuffix(".js") && $0 != "search-index.js") }) {
                changed.formUnion(files.keys.filter { $0.hasSuffix(".html") })
            }
            state.files = .memory(files)
            state.version += 1
            for page in changed { state.pageVersions[page] = state.version }
            let woken = state.watchers.filter { changed.contains($0.value.page) }
            for id in woken.keys { state.watchers[id] = nil }
            return (changed.sorted(), woken.values.map(\.wake))
        }
        woken.forEach { $0.yield(); $0.finish() }
        return changed
    }

    /// Listens and serves until the task is cancelled; `ready` gets the port once listening.
    public func run(ready: @Sendable (UInt16) -> Void = { _ in }) async throws {
        let socket = try Socket(domain: AF_INET)
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: try sockaddr_in.inet(ip4: host, port: requestedPort))
        try socket.listen()
        let port = try Self.localPort(of: socket)
        state.withLock { $0.port = port }
        ready(port)
        let pool: some AsyncSocketPool = .ePoll()
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    for try await client in listener.sockets {
                        connections.addTask { await self.serve(client) }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    private static func localPort(of socket: Socket) throws -> UInt16 {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let status = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket.file.rawValue, $0, &length) }
        }
        guard status == 0 else { throw SocketError.makeFailed("getsockname") }
        return UInt16(bigEndian: address.sin_port)
    }

    // MARK: - One connection

    private func serve(_ client: AsyncSocket) async {
        defer { try? client.close() }
        let admitted = state.withLock { state in
            guard state.connections < Self.maxConnections else { return false }
            state.connections += 1
            return true
        }
        guard admitted else {
            try? await client.write(Response.status(503, close: true).bytes(forHEAD: false))
            return
        }
        defer { state.withLock { $0.connections -= 1 } }
        var buffer: [UInt8] = []
        while true {
            let head: RequestHead
            switch await readHead(from: client, into: &buffer) {
            case .none:
                return
            case .refuse(let status):
                try? await client.write(Response.status(status, close: true).bytes(forHEAD: false))
                return
            case .head(let parsed):
                head = parsed
            }
            // A body is never needed; one that is declared is skipped when small, else the
            // connection is closed after answering.
            let declared = Int(head.headers["content-length"] ?? "0") ?? -1
            let chunked = head.headers["transfer-encoding"] != nil
            var close = !head.keepAlive || chunked || declared < 0 || declared > 64 * 1024
            if !close, declared > 0 {
                while buffer.count < declared {
                    guard let chunk = try? await withDeadline(Self.idleTimeout, { try await client.read(atMost: 4096) }) else { return }
                    buffer += chunk
                }
                buffer.removeFirst(declared)
            }
            if head.method == "GET", liveReload, head.path == "/_freezelab/events" {
                await streamEvents(to: client, head: head)
                return
            }
            var response = respond(to: head)
            close = close || response.close
            response.close = close
            guard (try? await client.write(response.bytes(forHEAD: head.method == "HEAD"))) != nil, !close else { return }
        }
    }

    private enum HeadRead { case head(RequestHead), refuse(Int) }

    /// Reads until a whole head is in `buffer` (and takes it out), or the client refuses to send
    /// one in time. `nil` when the connection is done.
    private func readHead(from client: AsyncSocket, into buffer: inout [UInt8]) async -> HeadRead? {
        while true {
            switch RequestHead.parse(buffer) {
            case .head(let head, let length):
                buffer.removeFirst(length)
                return .head(head)
            case .refuse(let status):
                return .refuse(status)
            case .incomplete:
                guard let chunk = try? await withDeadline(Self.idleTimeout, { try await client.read(atMost: 4096) }) else {
                    return buffer.isEmpty ? nil : .refuse(408)
                }
                buffer += chunk
            }
        }
    }

    /// The answer to a request other than the events channel.
    func respond(to head: RequestHead) -> Response {
        guard head.method == "GET" || head.method == "HEAD" else {
            var response = Response.status(405, close: false)
            response.headers.append(("Allow", "GET, HEAD"))
            return response
        }
        guard let path = head.path else { return .status(400, close: true) }
        if liveReload, path == "/_freezelab/live.js" {
            return Response(status: 200, type: "text/javascript; charset=utf-8", body: Data(Self.liveReloadScript.utf8))
        }
        let (files, version) = state.withLock { ($0.files, $0.version) }
        guard var body = files.file(at: path) else {
            return Response(status: 404, type: "text/plain; charset=utf-8", body: Data("Not found: \(path)\n".utf8))
        }
        var name = path.split(separator: "/").last.map(String.init) ?? "index.html"
        if !name.contains(".") { name = "index.html" }
        let type = SiteFiles.contentType(of: name)
        if liveReload, type.hasPrefix("text/html") {
            body = Self.addingLiveReload(to: body, page: path.hasSuffix("/") || path.isEmpty ? "index.html" : String(path.drop { $0 == "/" }), version: version)
        }
        return Response(status: 200, type: type, body: body)
    }

    /// A page with the live-reload script added at the end of its head.
    static func addingLiveReload(to page: Data, page name: String, version: Int) -> Data {
        let html = String(decoding: page, as: UTF8.self)
        let escaped = name.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
        let tag = "<script src=\"/_freezelab/live.js\" data-page=\"\(escaped)\" data-version=\"\(version)\"></script>\n"
        guard let end = html.range(of: "</head>") else { return Data((html + tag).utf8) }
        return Data((html[..<end.lowerBound] + tag + html[end.lowerBound...]).utf8)
    }

    // MARK: - Live reload

    /// `GET /_freezelab/events?page=P&since=V`: a Server-Sent Events stream that sends one
    /// `reload` event when page `P` changes after version `V` (at once if it already has),
    /// with a comment every ``pingInterval`` seconds so a closed tab is noticed.
    private func streamEvents(to client: AsyncSocket, head: RequestHead) async {
        let page = head.query["page"] ?? "index.html"
        let since = Int(head.query["since"] ?? "") ?? 0
        let (stream, wake) = AsyncStream<Void>.makeStream()
        let id = UUID()
        let stale = state.withLock { state in
            if (state.pageVersions[page] ?? 0) > since { return true }
            state.watchers[id] = Watcher(page: page, wake: wake)
            return false
        }
        defer { state.withLock { _ = $0.watchers.removeValue(forKey: id) } }
        let open = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n"
        guard (try? await client.write(Data(open.utf8))) != nil else { return }
        if stale {
            try? await client.write(Data("event: reload\ndata: \(page)\n\n".utf8))
            return
        }
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in stream { return true }
                return false
            }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(Self.pingInterval * 1_000_000_000))
                    if Task.isCancelled { break }
                    if (try? await client.write(Data(": ping\n\n".utf8))) == nil { return false }
                }
                return false
            }
            let reload = await group.next() ?? false
            group.cancelAll()
            wake.finish()
            if reload { try? await client.write(Data("event: reload\ndata: \(page)\n\n".utf8)) }
        }
    }

    /// `live-reload.js`, compiled in.
    static let liveReloadScript = String(decoding: PackageResources.live_reload_js, as: UTF8.self)
}

/// Runs `body`, giving up (throwing) after `seconds`.
func withDeadline<T: Sendable>(_ seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            throw SocketError.timeout(message: "no data in \(seconds) s")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
