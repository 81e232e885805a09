import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Just enough of the W3C WebDriver protocol (plus two chromedriver extensions: browser logs
/// and Chrome DevTools commands) to drive headless Chromium from a test, over plain HTTP on
/// 127.0.0.1.
final class WebDriver {
    struct Failure: Error, CustomStringConvertible { var description: String }

    let driver: Process
    let port: Int
    var session = ""

    /// Chromium and chromedriver, if installed (Debian: `chromium`, `chromium-driver`).
    static var executables: (browser: String, driver: String)? {
        let browsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        guard let browser = browsers.first(where: FileManager.default.isExecutableFile(atPath:)),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return nil }
        return (browser, "/usr/bin/chromedriver")
    }

    /// Starts chromedriver on a free port and opens a headless session.
    init(width: Int = 1200, height: Int = 900) async throws {
        guard let (browser, driverPath) = Self.executables else { throw Failure(description: "chromium is not installed") }
        let port = try Self.freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        self.port = port
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? await request("GET", "/status"))?["ready"] as? Bool == true
            if !ready { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        guard ready else { stopDriver(); throw Failure(description: "chromedriver did not start") }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
            "browserName": "chrome",
            "goog:chromeOptions": ["binary": browser, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=\(width),\(height)", "--allow-file-access-from-files"]],
            "goog:loggingPrefs": ["browser": "ALL"],
        ]]]
        let value = try await request("POST", "/session", capabilities)
        guard let id = value["sessionId"] as? String else { throw Failure(description: "no session: \(value)") }
        session = id
    }

    /// Ends the session and stops chromedriver.
    func quit() async {
        _ = try? await request("DELETE", "/session/\(session)")
        stopDriver()
    }

    /// Stops chromedriver (it ignores SIGTERM): its own `/shutdown`, then SIGKILL if needed.
    func stopDriver() {
        _ = try? Self.http("GET", port: port, path: "/shutdown", body: Data())
        for _ in 0..<20 where driver.isRunning { usleep(100_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    func open(_ url: URL) async throws {
        _ = try await request("POST", "/session/\(session)/url", ["url": url.absoluteString])
    }

    /// Runs `script` (a function body) in the page and returns its result.
    @discardableResult
    func run(_ script: String, _ args: [Any] = []) async throws -> Any? {
        let response = try await request("POST", "/session/\(session)/execute/sync", ["script": script, "args": args])
        return response["value"].flatMap { $0 is NSNull ? nil : $0 }
    }

    /// Runs `script` (a function body whose last argument is a callback) in the page and returns
    /// what it passes to that callback; for promises such as axe-core's `axe.run`.
    func runAsync(_ script: String, _ args: [Any] = []) async throws -> Any? {
        let response = try await request("POST", "/session/\(session)/execute/async", ["script": script, "args": args])
        return response["value"].flatMap { $0 is NSNull ? nil : $0 }
    }

    /// Types `text` into the element matching `css`, with real key events.
    func type(_ text: String, into css: String) async throws {
        let found = try await request("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let element = (found["value"] as? [String: Any])?.values.first as? String else {
            throw Failure(description: "no element \(css)")
        }
        _ = try await request("POST", "/session/\(session)/element/\(element)/value", ["text": text])
    }

    /// Browser console entries since the last call, as `LEVEL message`.
    func consoleEntries() async throws -> [(level: String, message: String)] {
        let response = try await request("POST", "/session/\(session)/se/log", ["type": "browser"])
        return (response["value"] as? [[String: Any]] ?? []).map {
            ($0["level"] as? String ?? "", $0["message"] as? String ?? "")
        }
    }

    /// Sends a Chrome DevTools Protocol command (for example `Emulation.setEmulatedMedia`).
    func devTools(_ command: String, _ params: [String: Any]) async throws {
        _ = try await request("POST", "/session/\(session)/goog/cdp/execute", ["cmd": command, "params": params])
    }

    func setWindow(width: Int, height: Int) async throws {
        _ = try await request("POST", "/session/\(session)/window/rect", ["width": width, "height": height])
    }

    func screenshot(to path: String) async throws {
        let response = try await request("GET", "/session/\(session)/screenshot")
        guard let base64 = response["value"] as? String, let data = Data(base64Encoded: base64) else { return }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// One plain HTTP/1.1 exchange on 127.0.0.1. (Foundation's URLSession on Linux rejects
    /// chromedriver's headers, which have no space after the colon, so this speaks HTTP itself.)
    static func http(_ method: String, port: Int, path: String, body: Data) throws -> Data {
        let fd = socket(AF_INET, socketStream, 0)
        guard fd >= 0 else { throw Failure(description: "socket failed") }
        defer { close(fd) }
        // A browser that stops answering fails the test instead of hanging it.
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to chromedriver") }
        var request = Data("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n".utf8)
        request += Data("Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        try request.withUnsafeBytes { buffer in
            var sent = 0
            while sent < buffer.count {
                let n = send(fd, buffer.baseAddress! + sent, buffer.count - sent, 0)
                guard n > 0 else { throw Failure(description: "send failed") }
                sent += n
            }
        }
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: chunk[0..<n])
            if let split = response.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: response[..<split.lowerBound], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                   response.count - split.upperBound >= length {
                    return Data(response[split.upperBound..<(split.upperBound + length)])
                }
            }
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw Failure(description: "bad HTTP response") }
        return Data(response[split.upperBound...])
    }

    #if canImport(Glibc)
    static let socketStream = Int32(SOCK_STREAM.rawValue)
    #else
    static let socketStream = SOCK_STREAM
    #endif

    /// One WebDriver call; returns the decoded JSON object (`value` unwrapped for W3C errors).
    func request(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        // The exchange blocks until the browser answers (axe takes a second a page): on a thread of
        // its own, so the browser suites do not hold the few Swift concurrency threads every other
        // test needs (with them held, unrelated tests starved past their time limits).
        let port = self.port
        let data: Data = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Self.http(method, port: port, path: path, body: payload) }) }.start()
        }
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        if let value = json["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \(value["message"] ?? "")")
        }
        if path == "/status" || path == "/session" { return json["value"] as? [String: Any] ?? json }
        return json
    }

    /// A TCP port nothing listens on right now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, socketStream, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
