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

/// Runs `body` in inference mode and returns its value, like `with torch.inference_mode():`.
///
/// As under ``withNoGrad(_:)`` nothing is recorded; in addition every tensor made inside is an
/// *inference tensor* (``Tensor/isInference``), which PyTorch makes cheaper by never tracking
/// versions or views for it. The price is PyTorch's: an inference tensor can never be saved for
/// backward ("Inference tensors cannot be saved for backward…", raised by the op that would save
/// it), nor changed in place or given `requiresGrad` outside inference mode. Use
/// ``withNoGrad(_:)`` for results that will meet autograd later, or ``Tensor/copy()`` them.
@discardableResult
public func withInferenceMode<T>(_ body: () throws -> T) rethrows -> T {
    let state = ThreadState.current
    let previous = (state.gradEnabled, state.inferenceMode)
    state.gradEnabled = false
    state.inferenceMode = true
    defer { (state.gradEnabled, state.inferenceMode) = previous }
    return try body()
}

/// Whether ``withInferenceMode(_:)`` is on (like `torch.is_inference_mode_enabled()`).
public var isInferenceModeEnabled: Bool { ThreadState.current.inferenceMode }
