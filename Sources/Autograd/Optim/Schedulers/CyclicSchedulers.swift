import Foundation

/// Cosine annealing from each group's starting learning rate down to `etaMin` over `tMax`
/// epochs (and back up over the next `tMax`), like `CosineAnnealingLR`.
///
/// PyTorch computes most epochs from each group's current `lr` (so a group added later is
/// scheduled), but the epoch after each trough from the starting rates it recorded: a group added
/// later makes that epoch fail with `zip() argument 2 is longer than argument 1`.
public final class CosineAnnealingLR: LRScheduler {
    /// Epochs from the top to the bottom of the cosine.
    public let tMax: Int
    /// The lowest learning rate.
    public let etaMin: Double

    /// Creates the scheduler.
    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0) {
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer: optimizer)
    }

    override public func learningRates() throws -> [Double] {
        let groups = optimizer.paramGroups
        if isInitial { return groups.map(\.lr) }
        let epoch = Double(lastEpoch), period = Double(tMax)
        if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
            return try strictZip(baseLrs, groups).map { base, group in
                group.lr + (base - etaMin) * (1 - cos(Double.pi / period)) / 2
            }
        }
        return groups.map { group in
            (1 + cos(Double.pi * epoch / period)) / (1 + cos(Double.pi * (epoch - 1) / period)) * (group.lr - etaMin) + etaMin
        }
    }
}

/// The 1cycle policy, like `OneCycleLR`: the learning rate warms up from `maxLr / divFactor` to
/// `maxLr`, then anneals to `initial / finalDivFactor`, over `totalSteps` steps (one per batch),
/// while the momentum (SGD's `momentum`, Adam's first beta) moves the opposite way between
/// `maxMomentum` and `baseMomentum`.
///
/// It writes `initial_lr`, `max_lr`, `min_lr`, `max_momentum` and `base_momentum` into each group
/// it was made with, and sets SGD's momentum even when it was 0. A group added later lacks them:
/// `step()` then fails with Python's `KeyError` text, `'max_lr'`.
public final class OneCycleLR: LRScheduler {
    /// How the steps between two phase ends are interpolated.
    public enum Anneal: String, Sendable { case cos, linear }

    private struct Phase {
        let endStep: Double
        let startLr, endLr, startMomentum, endMomentum: String
    }

    /// The number of steps in the cycle.
    public let totalSteps: Int
    /// The interpolation.
    public let anneal: Anneal
    /// Whether the momentum cycles too.
    public let cycleMomentum: Bool
    private let phases: [Phase]
    private let usesBeta1: Bool

    /// Creates the scheduler; `maxLr` for every group (one value) or per group.
    public init(_ optimizer: Optimizer, maxLr: [Double], totalSteps: Int, pctStart: Double = 0.3, anneal: Anneal = .cos,
                cycleMomentum: Bool = true, baseMomentum: Double = 0.85, maxMomentum: Double = 0.95,
                divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false) {
        ensure(totalSteps > 0, "Expected positive integer total_steps, but got \(totalSteps)")
        ensure(pctStart >= 0 && pctStart <= 1, "Expected float between 0 and 1 pct_start, but got \(pythonFloat(pctStart))")
        let groups = optimizer.paramGroups.count
        ensure(maxLr.count == 1 || maxLr.count == groups, "expected \(groups) values for max_lr, got \(maxLr.count)")
        self.totalSteps = totalSteps
        self.anneal = anneal
        self.cycleMomentum = cycleMomentum
        let total = Double(totalSteps)
        phases = threePhase
            ? [Phase(endStep: pctStart * total - 1, startLr: "initial_lr", endLr: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum"),
               Phase(endStep: 2 * pctStart * total - 2, startLr: "max_lr", endLr: "initial_lr", startMomentum: "base_momentum", endMomentum: "max_momentum"),
               Phase(endStep: total - 1, startLr: "initial_lr", endLr: "min_lr", startMomentum: "max_momentum", endMomentum: "max_momentum")]
            : [Phase(endStep: pctStart * total - 1, startLr: "initial_lr", endLr: "max_lr", startMomentum: "max_momentum", endMomentum: "base_momentum"),
               Phase(endStep: total - 1, startLr: "max_lr", endLr: "min_lr", startMomentum: "base_momentum", endMomentum: "max_momentum")]
        usesBeta1 = optimizer is Adam
        for index in optimizer.paramGroups.indices {
            let top = maxLr.count == 1 ? maxLr[0] : maxLr[index]
            optimizer.paramGroups[index].schedule["initial_lr"] = top / divFactor
            optimizer.paramGroups[index].schedule["max_lr"] = top
            optimizer.paramGroups[index].schedule["min_lr"] = top / divFactor / finalDivFactor
            if cycleMomentum {
                if usesBeta1 { optimizer.paramGroups[index].betas.0 = maxMomentum } else { optimizer.paramGroups[index].momentum = maxMomentum }
                optimizer.paramGroups[index].schedule["max_momentum"] = maxMomentum
                optimizer.paramGroups[index].schedule["base_momentum"] = baseMomentum
            }
        }
        super.init(optimizer: optimizer)
    }

    /// One value for every group.
    public convenience init(_ optimizer: Optimizer, maxLr: Double, totalSteps: Int, pctStart: Double = 0.3, anneal: Anneal = .cos,
                            cycleMomentum: Bool = true, baseMomentum: Double = 0.85, maxMomentum: Double = 0.95,
                            divFactor: Double = 25, finalDivFactor: Double = 1e4, threePhase: Bool = false) {
        self.init(optimizer, maxLr: [maxLr], totalSteps: totalSteps, pctStart: pctStart, anneal: anneal, cycleMomentum: cycleMomentum,
                  baseMomentum: baseMomentum, maxMomentum: maxMomentum, divFactor: divFactor, finalDivFactor: finalDivFactor,
                  threePhase: threePhase)
    }

    private func interpolate(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch anneal {
        case .cos: end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: (end - start) * pct + start
        }
    }

    override public func learningRates() throws -> [Double] {
        let step = Double(lastEpoch)
        if lastEpoch > totalSteps {
            throw SchedulerError(description: "Tried to step \(lastEpoch) times. The specified number of total steps is \(totalSteps)")
        }
        var rates: [Double] = []
        for index in optimizer.paramGroups.indices {
            let group = optimizer.paramGroups[index]
            func value(_ key: String) throws -> Double {
                guard let value = group.schedule[key] else { throw SchedulerError(description: "'\(key)'") }
                return value
            }
            var start = 0.0
            for (i, phase) in phases.enumerated() {
                guard step <= phase.endStep || i == phases.count - 1 else {
                    start = phase.endStep  // PyTorch's start_step moves to each phase's end it passes
                    continue
                }
                guard phase.endStep != start else { throw SchedulerError(description: "float division by zero") }
                let pct = (step - start) / (phase.endStep - start)
                rates.append(interpolate(try value(phase.startLr), try value(phase.endLr), pct))
                if cycleMomentum {
                    let momentum = interpolate(try value(phase.startMomentum), try value(phase.endMomentum), pct)
                    if usesBeta1 { optimizer.paramGroups[index].betas.0 = momentum } else { optimizer.paramGroups[index].momentum = momentum }
                }
                break
            }
        }
        return rates
    }
}
