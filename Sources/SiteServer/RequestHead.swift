import Foundation

/// The head of an HTTP/1.1 request (request line and headers), read with hard limits so a
/// client cannot make the server wait on, or buffer, an endless line.
struct RequestHead: Equatable, Sendable {
    var method: String
    /// The request target as sent (`/01-x.html?y`), still percent-encoded.
    var target: String
    var version: String
    /// Header names lowercased.
    var headers: [String: String]

    /// Limits: a request line longer than this is refused with 414 as soon as it is seen.
    static let maxLine = 8 * 1024
    /// The whole head (request line and headers); more is refused with 431.
    static let maxHead = 32 * 1024

    /// What reading a head from the bytes received so far gives.
    enum Parse: Equatable {
        /// More bytes are needed.
        case incomplete
        /// A whole head, and how many bytes it took.
        case head(RequestHead, length: Int)
        /// Refuse with this status: 400 malformed, 414 line too long, 431 head too large,
        /// 505 not HTTP/1.x.
        case refuse(Int)
    }

    /// Reads a head from the start of `bytes`. Lines end with CRLF (a bare LF is accepted).
    static func parse(_ bytes: [UInt8]) -> Parse {
        guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            return bytes.count > maxLine ? .refuse(414) : .incomplete
        }
        if lineEnd > maxLine { return .refuse(414) }
        // The blank line that ends the head.
        var end: Int?
        var index = lineEnd + 1
        while index < bytes.count {
            guard let next = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = bytes[index..<next]
            if line.isEmpty || line == [UInt8(ascii: "\r")] { end = next + 1; break }
            index = next + 1
        }
        guard let end else { return bytes.count > maxHead ? .refuse(431) : .incomplete }
        if end > maxHead { return .refuse(431) }

        // Split as bytes: in a Swift String "\r\n" is one character, not a "\r" before a "\n".
        var lines = bytes[..<end].split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        let parts = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1].hasPrefix("/") || parts[1] == "*" else { return .refuse(400) }
        guard parts[2].hasPrefix("HTTP/1.") else { return .refuse(505) }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { return .refuse(400) }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return .head(RequestHead(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers),
                     length: end)
    }

    /// The path part of the target, percent-decoded, without the query; `nil` when it does not
    /// decode.
    var path: String? {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return raw.removingPercentEncoding
    }

    /// The query's `name=value` pairs, percent-decoded.
    var query: [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var items: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? ""
            items[name] = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? "" : ""
        }
        return items
    }

    /// Whether the client asked to keep the connection open (HTTP/1.1's default).
    var keepAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        return version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
    }
}
