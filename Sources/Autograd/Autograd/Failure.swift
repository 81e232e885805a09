/// How the engine stops a program that misuses it: with PyTorch's message where PyTorch has one.
///
/// PyTorch raises an exception a caller could catch; the engine traps instead, so a lesson never
/// writes `try` around arithmetic. The message must survive release builds, which drop a
/// `precondition`'s text, so every check goes through here: ``CellWire/fail(_:file:line:)``
/// prints it where the lesson runner reads it, then traps.

/// Stops the program with `message`.
@inline(never)
func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    CellWire.fail(message, file: file, line: line)
}

/// Stops the program with `message` unless `condition` holds.
@inline(__always)
func ensure(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition { fail(message(), file: file, line: line) }
}

/// PyTorch's spelling of a shape in messages: `torch.Size([1, 3])`.
func torchSize(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}
