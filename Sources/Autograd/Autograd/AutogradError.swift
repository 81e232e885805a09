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
        case .gradientShapeMismatch(let expected, let got):
            return "Mismatch in shape: grad_output[0] has a shape of \(got) and output[0] has a shape of \(expected)."
        }
    }
}
