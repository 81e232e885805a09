/// Learning-rate schedulers, like `torch.optim.lr_scheduler`: each `step()` (called once per
/// epoch, after the optimizer's step) sets every group's `lr`.
///
/// They follow PyTorch 2.13 step for step, including what happens when a parameter group is added
/// after the scheduler was made (unfreezing a backbone later): the *chainable* schedulers
/// (``StepLR``, ``ExponentialLR``) scale every group's current `lr`, so they schedule the new
/// group silently from its own `lr`; the ones that compute from the learning rates they saw at
/// the start (``LambdaLR``, ``CosineAnnealingLR`` at the end of each cycle) stop with Python's
/// error from the `zip` that pairs groups with values; ``OneCycleLR`` stops because the new group
/// lacks its `max_lr`. Make the scheduler after the last `addParamGroup`, or make a new one.

/// What every scheduler shares: the epoch count, the starting learning rates, and `step()`.
open class LRScheduler {
    /// The optimizer whose groups it schedules.
    public let optimizer: Optimizer
    /// Each group's `initial_lr` when the scheduler was made.
    public private(set) var baseLrs: [Double]
    /// The number of `step()` calls (0 right after it was made).
    public private(set) var lastEpoch = -1
    /// The learning rates the last step set, like `get_last_lr()`.
    public private(set) var lastLr: [Double] = []
    /// True during the step the initializer takes.
    var isInitial = false

    /// Records each group's `initial_lr` (unless it has one) and takes the first step, as
    /// PyTorch's `LRScheduler.__init__` does.
    public init(optimizer: Optimizer) {
        self.optimizer = optimizer
        for index in optimizer.paramGroups.indices where optimizer.paramGroups[index].schedule["initial_lr"] == nil {
            optimizer.paramGroups[index].schedule["initial_lr"] = optimizer.paramGroups[index].lr
        }
        baseLrs = optimizer.paramGroups.map { $0.schedule["initial_lr"]! }
        isInitial = true
        do { try stepOrThrow() } catch { fail("\(error)") }
        isInitial = false
    }

    /// The learning rate of every group for the current ``lastEpoch`` (PyTorch's `get_lr()`).
    open func learningRates() throws -> [Double] {
        fail("\(type(of: self)) does not implement learningRates()")
    }

    /// Advances one epoch and sets every group's learning rate, like `scheduler.step()`.
    ///
    /// Stops the program with PyTorch's error when the groups no longer fit the schedule (see
    /// the type's notes); ``stepOrThrow()`` throws it instead.
    public func step() {
        do { try stepOrThrow() } catch { fail("\(error)") }
    }

    /// ``step()``, throwing PyTorch's error instead of stopping. As in PyTorch, the epoch has
    /// advanced, and the groups before the one that did not fit are updated, when it throws.
    public func stepOrThrow() throws {
        lastEpoch += 1
        let values = try learningRates()
        // PyTorch's loop over zip(groups, values, strict=True): the pairs before a difference in
        // length are set, then Python raises.
        for (index, lr) in zip(optimizer.paramGroups.indices, values) { optimizer.paramGroups[index].lr = lr }
        _ = try strictZip(Array(optimizer.paramGroups.indices), values)
        lastLr = optimizer.paramGroups.map(\.lr)
    }
}

/// PyTorch's errors, with Python's words where Python raised them.
public struct SchedulerError: Error, CustomStringConvertible {
    /// The message, as `str(exception)` prints it.
    public let description: String
}

/// The pairs of `a` and `b`, as Python's `zip(a, b, strict=True)` in a list comprehension: a
/// difference in length throws Python's error, and no pair is used.
func strictZip<A, B>(_ a: [A], _ b: [B]) throws -> [(A, B)] {
    if a.count != b.count {
        throw SchedulerError(description: "zip() argument 2 is \(b.count < a.count ? "shorter" : "longer") than argument 1")
    }
    return Array(zip(a, b))
}

/// Multiplies every group's learning rate by `gamma` every `stepSize` epochs, like `StepLR`.
/// Chainable: it scales each group's current `lr`, so a group added later is scheduled too.
public final class StepLR: LRScheduler {
    /// Epochs between two decays.
    public let stepSize: Int
    /// The factor of each decay.
    public let gamma: Double

    /// Creates the scheduler (and sets the first learning rates, which are the current ones).
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer: optimizer)
    }

    override public func learningRates() throws -> [Double] {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return optimizer.paramGroups.map(\.lr) }
        return optimizer.paramGroups.map { $0.lr * gamma }
    }
}

/// Multiplies every group's learning rate by `gamma` each epoch, like `ExponentialLR`.
/// Chainable: a group added later decays from its own `lr`.
public final class ExponentialLR: LRScheduler {
    /// The factor of each epoch.
    public let gamma: Double

    /// Creates the scheduler.
    public init(_ optimizer: Optimizer, gamma: Double) {
        self.gamma = gamma
        super.init(optimizer: optimizer)
    }

    override public func learningRates() throws -> [Double] {
        if isInitial { return optimizer.paramGroups.map(\.lr) }
        return optimizer.paramGroups.map { $0.lr * gamma }
    }
}

/// Sets each group's learning rate to its starting one times `lambda(epoch)`, like `LambdaLR`.
/// It keeps one function per group it was made with: once a group is added, `step()` fails.
public final class LambdaLR: LRScheduler {
    /// One function per group.
    public let lambdas: [(Int) -> Double]

    /// One function for every group.
    public convenience init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double) {
        self.init(optimizer, lrLambdas: Array(repeating: lrLambda, count: optimizer.paramGroups.count))
    }

    /// A function per group; their number must be the number of groups.
    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double]) {
        ensure(lrLambdas.count == optimizer.paramGroups.count,
               "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        lambdas = lrLambdas
        super.init(optimizer: optimizer)
    }

    override public func learningRates() throws -> [Double] {
        try strictZip(lambdas, baseLrs).map { lambda, base in base * lambda(lastEpoch) }
    }
}
