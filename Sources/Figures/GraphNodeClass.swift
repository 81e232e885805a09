/// The kinds of node and edge in an autograd graph figure, as a `class` attribute in its DOT.
///
/// One type for the three places that must agree: the engine's graph export writes these
/// classes, the site's key to the picture names them, and the stylesheet colours
/// `.graph .node.<class>` (a test checks it has a rule for every case).
public enum GraphNodeClass: String, CaseIterable, Codable, Sendable {
    /// A parameter with `requiresGrad == false`.
    case frozen
    /// A tensor that will receive a gradient in backward.
    case trainable
    /// A recorded operation, labelled with its `grad_fn` name.
    case op
    /// A tensor (or an edge) through which no gradient flows.
    case nograd

    /// What the site's key calls it.
    public var label: String {
        switch self {
        case .frozen: "frozen (requires_grad = false)"
        case .trainable: "trainable"
        case .op: "operation"
        case .nograd: "no grad"
        }
    }

    /// ` class="frozen"`, as a DOT attribute.
    public var dotAttribute: String { "class=\"\(rawValue)\"" }
}
