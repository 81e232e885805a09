import Foundation

/// The errors a learner meets, with PyTorch's wording as their ``description``.
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    /// `backward()` on a tensor that is not attached to a graph (no `grad_fn`).
    case noGradFn
    /// `backward()` without a gradient on a tensor with more than one element.
    case nonScalarImplicitGrad
    /// A second backward through nodes whose saved tensors were freed.
    case backwardTwice
    /// Changing `requiresGrad` of a non-leaf (the requested value changes PyTorch's hint).
    case nonLeafRequiresGrad(requested: Bool)
    /// A parameter given to an optimizer in two parameter groups.
    case duplicateParameter
    /// `backward(gradient:)` with a gradient whose shape differs from the tensor's.
    case gradientShapeMismatch(expected: [Int], got: [Int])
    /// A state dict that does not fit the module or optimizer it is loaded into; the message is
    /// PyTorch's (`Error(s) in loading state_dict for Linear: …`).
    case loadStateDict(String)
    /// Backward read a saved tensor that was modified in place after it was saved: its shape,
    /// the op that made it (`nil` for a leaf), its version now and when it was saved.
    case modifiedInPlace(shape: [Int], madeBy: String?, version: Int, expected: Int)
    /// An op recorded for backward would save a tensor made under ``withInferenceMode(_:)``.
    case inferenceTensorSaved
    /// An in-place op on a leaf that requires grad, with grad mode on.
    case leafInPlace
    /// An in-place op on an inference tensor outside inference mode.
    case inferenceInPlace
    /// `requiresGrad = true` on an inference tensor outside inference mode.
    case inferenceRequiresGrad

    /// PyTorch's message for this error.
    public var description: String {
        switch self {
        case .noGradFn:
            return "element 0 of tensors does not require grad and does not have a grad_fn"
        case .nonScalarImplicitGrad:
            return "grad can be implicitly created only for scalar outputs"
        case .backwardTwice:
            return "Trying to backward through the graph a second time (or directly access saved "
                + "tensors after they have already been freed). Saved intermediate values of the "
                + "graph are freed when you call .backward() or autograd.grad(). Specify "
                + "retain_graph=True if you need to backward through the graph a second time or if "
                + "you need to access saved tensors after calling backward."
        case .nonLeafRequiresGrad(let requested):
            var message = "you can only change requires_grad flags of leaf variables."
            if !requested {
                message += " If you want to use a computed variable in a subgraph that doesn't "
                    + "require differentiation use var_no_grad = var.detach()."
            }
            return message
        case .duplicateParameter:
            return "some parameters appear in more than one parameter group"
        case .loadStateDict(let message):
            return message
        case .modifiedInPlace(let shape, let madeBy, let version, let expected):
            // PyTorch names the op without its `Backward0` suffix ("output 0 of Exp").
            let op = madeBy.map { name in
                name.replacingOccurrences(of: #"Backward\d*$"#, with: "", options: .regularExpression)
            }
            return "one of the variables needed for gradient computation has been modified by an inplace operation: "
                + "[torch.DoubleTensor [\(shape.map(String.init).joined(separator: ", "))]]"
                + (op.map { ", which is output 0 of \($0)," } ?? "")
                + " is at version \(version); expected version \(expected) instead. Hint: enable anomaly detection to find "
                + "the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
        case .inferenceTensorSaved:
            return "Inference tensors cannot be saved for backward. Please do not use Tensors created in inference mode "
                + "in computation tracked by autograd. To work around this, you can make a clone to get a normal tensor "
                + "and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`."
        case .leafInPlace:
            return "a leaf Variable that requires grad is being used in an in-place operation."
        case .inferenceInPlace:
            return "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get "
                + "a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details."
        case .inferenceRequiresGrad:
            return "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed."
        case .gradientShapeMismatch(let expected, let got):
            return "Mismatch in shape: grad_output[0] has a shape of \(got) and output[0] has a shape of \(expected)."
        }
    }
}
