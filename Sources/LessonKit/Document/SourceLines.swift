/// A lesson's text split into lines, with the UTF-8 byte offset where each line starts, so that
/// line numbers from libcmark can be turned into exact byte ranges of the original file.
struct SourceLines: Sendable {
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Byte offset of the start of each line; line `n` (1-based) starts at `starts[n - 1]`.
    let starts: [Int]

    init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        // A final newline does not open another line.
        if starts.count > 1, starts.last == bytes.count { starts.removeLast() }
        self.starts = starts
    }

    /// The number of lines.
    var count: Int { bytes.isEmpty ? 0 : starts.count }

    /// Byte offset where line `n` starts; `count + 1` gives the end of the text.
    func start(ofLine n: Int) -> Int {
        n - 1 < starts.count ? starts[max(n - 1, 0)] : bytes.count
    }

    /// Byte offset just past line `n`, including its newline.
    func end(ofLine n: Int) -> Int { start(ofLine: n + 1) }

    /// Line `n` without its line ending (`\n` or `\r\n`).
    func text(ofLine n: Int) -> String {
        guard n >= 1, n <= count else { return "" }
        var slice = bytes[start(ofLine: n)..<end(ofLine: n)]
        if slice.last == UInt8(ascii: "\n") { slice = slice.dropLast() }
        if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    /// The 1-based line holding byte `offset`.
    func line(containing offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}
