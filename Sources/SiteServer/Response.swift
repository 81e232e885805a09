import Foundation

/// An HTTP/1.1 response with a body of known length.
struct Response: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body = Data()
    /// Whether the connection closes after it.
    var close = false

    init(status: Int, type: String, body: Data) {
        self.status = status
        self.body = body
        headers = [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
    }

    /// A status with its reason as a plain-text body.
    static func status(_ status: Int, close: Bool) -> Response {
        var response = Response(status: status, type: "text/plain; charset=utf-8", body: Data("\(status) \(reason(status))\n".utf8))
        response.close = close
        return response
    }

    /// The bytes on the wire; a `HEAD` gets the same headers and no body.
    func bytes(forHEAD: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        head += "\r\n"
        return forHEAD ? Data(head.utf8) : Data(head.utf8) + body
    }

    static func reason(_ status: Int) -> String {
        [200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 408: "Request Timeout",
         414: "URI Too Long", 431: "Request Header Fields Too Large", 503: "Service Unavailable",
         505: "HTTP Version Not Supported"][status] ?? "Error"
    }
}
