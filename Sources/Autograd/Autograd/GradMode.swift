/// Grad mode: whether ops are recorded, switched off by ``withNoGrad(_:)`` like `torch.no_grad()`.
///
/// As in PyTorch the flag is per thread (see `ThreadState`); a lesson program has one thread.

/// Whether ops are currently recorded (like `torch.is_grad_enabled()`).
public var isGradEnabled: Bool { ThreadState.current.gradEnabled }

/// Runs `body` with recording switched off and returns its value, like `with torch.no_grad():`.
///
/// Nothing computed inside requires grad or has a `gradFn`. Scopes nest; the previous mode is
/// restored even when `body` throws.
@discardableResult
public func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
    try withGradEnabled(false, body)
}

/// Runs `body` with recording switched on or off (like `torch.set_grad_enabled(mode)`).
@discardableResult
public func withGradEnabled<T>(_ enabled: Bool, _ body: () throws -> T) rethrows -> T {
    let state = ThreadState.current
    let previous = state.gradEnabled
    state.gradEnabled = enabled
    defer { state.gradEnabled = previous }
    return try body()
}
