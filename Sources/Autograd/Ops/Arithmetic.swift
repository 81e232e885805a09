/// Add, subtract, multiply, divide and negate, with broadcasting; each forward is followed by
/// its local backward.
extension Tensor {
    /// `self + other`, broadcasting (`AddBackward0`).
    public func add(_ other: Tensor) -> Tensor {
        let out = broadcastMap(self, other, +)
        let (aShape, bShape) = (shape, other.shape)
        return record("AddBackward0", output: out, inputs: [self, other], flops: out.count,
                      savesTensors: false) { g, needs in
            // d(a+b)/da = d(a+b)/db = 1: pass the gradient through, summed over broadcast dims.
            [needs[0] ? reduceGrad(g, to: aShape) : nil,
             needs[1] ? reduceGrad(g, to: bShape) : nil]
        }
    }

    /// `self - other`, broadcasting (`SubBackward0`).
    public func sub(_ other: Tensor) -> Tensor {
        let out = broadcastMap(self, other, -)
        let (aShape, bShape) = (shape, other.shape)
        return record("SubBackward0", output: out, inputs: [self, other], flops: out.count,
                      savesTensors: false) { g, needs in
            [needs[0] ? reduceGrad(g, to: aShape) : nil,
             needs[1] ? reduceGrad(g.mapValues { -$0 }, to: bShape) : nil]
        }
    }

    /// `self * other` element-wise, broadcasting (`MulBackward0`).
    public func mul(_ other: Tensor) -> Tensor {
        let out = broadcastMap(self, other, *)
        // d(ab)/da = b, d(ab)/db = a: each operand is saved only if the other one needs a gradient.
        let a = other.requiresGrad ? detach() : nil
        let b = requiresGrad ? other.detach() : nil
        let (aShape, bShape) = (shape, other.shape)
        return record("MulBackward0", output: out, inputs: [self, other], flops: out.count,
                      saved: [a, b].compactMap { $0 }, saving: savedOperands(self, other)) { g, needs in
            [needs[0] ? reduceGrad(broadcastMap(g, b!, *), to: aShape) : nil,
             needs[1] ? reduceGrad(broadcastMap(g, a!, *), to: bShape) : nil]
        }
    }

    /// `self / other` element-wise, broadcasting (`DivBackward0`).
    public func div(_ other: Tensor) -> Tensor {
        let out = broadcastMap(self, other, /)
        let (a, b) = (detach(), other.detach())
        // PyTorch saves the divisor always, the dividend when the divisor needs a gradient.
        return record("DivBackward0", output: out, inputs: [self, other], flops: out.count, saved: [a, b],
                      saving: (other.requiresGrad ? [self] : []) + [other]) { g, needs in
            // d(a/b)/da = 1/b, d(a/b)/db = -a/b².
            [needs[0] ? reduceGrad(broadcastMap(g, b, /), to: a.shape) : nil,
             needs[1] ? reduceGrad(broadcastMap(broadcastMap(g, a, *), b) { -$0 / ($1 * $1) }, to: b.shape) : nil]
        }
    }

    /// `-self` (`NegBackward0`).
    public func neg() -> Tensor {
        let out = mapValues { -$0 }
        return record("NegBackward0", output: out, inputs: [self], flops: out.count,
                      savesTensors: false) { g, _ in [g.mapValues { -$0 }] }
    }

    /// `scalar - self`, PyTorch's reversed subtraction (`RsubBackward1`).
    func rsub(_ scalar: Double) -> Tensor {
        let out = mapValues { scalar - $0 }
        return record("RsubBackward1", output: out, inputs: [self], flops: out.count,
                      savesTensors: false) { g, _ in [g.mapValues { -$0 }] }
    }

    /// A new tensor (not recorded) with `transform` applied to every value.
    @inline(__always)
    func mapValues(_ transform: (Double) -> Double) -> Tensor {
        countFlops(count)
        var out = [Double](repeating: 0, count: count)
        storage.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count { o[i] = transform(s[i]) }
            }
        }
        return Tensor(shape: shape, storage: out)
    }
}

/// Element-wise sum with broadcasting (`AddBackward0`).
public func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.add(rhs) }
/// Element-wise difference with broadcasting (`SubBackward0`).
public func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.sub(rhs) }
/// Element-wise product with broadcasting (`MulBackward0`); use ``Tensor/matmul(_:)`` for matrices.
public func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.mul(rhs) }
/// Element-wise quotient with broadcasting (`DivBackward0`).
public func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.div(rhs) }
/// Negation (`NegBackward0`).
public prefix func - (operand: Tensor) -> Tensor { operand.neg() }

/// Adds a scalar to every element (`AddBackward0`).
public func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.add(Tensor(rhs)) }
/// Adds a scalar to every element (`AddBackward0`).
public func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.add(Tensor(lhs)) }
/// Subtracts a scalar from every element (`SubBackward0`).
public func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.sub(Tensor(rhs)) }
/// Subtracts every element from a scalar (`RsubBackward1`).
public func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.rsub(lhs) }
/// Multiplies every element by a scalar (`MulBackward0`).
public func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.mul(Tensor(rhs)) }
/// Multiplies every element by a scalar (`MulBackward0`).
public func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.mul(Tensor(lhs)) }
/// Divides every element by a scalar (`DivBackward0`).
public func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.div(Tensor(rhs)) }
/// Divides a scalar by every element (`DivBackward0`).
public func / (lhs: Double, rhs: Tensor) -> Tensor { Tensor(lhs).div(rhs) }

/// The operands of a product (`a * b`, `a.mm(b)`, a linear layer's `x` and `W`) that PyTorch saves
/// for backward: each one only when the *other* needs a gradient, since `d(ab)/da = b`.
func savedOperands(_ a: Tensor, _ b: Tensor) -> [Tensor] {
    (b.requiresGrad ? [a] : []) + (a.requiresGrad ? [b] : [])
}
