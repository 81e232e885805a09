import ArgumentParser
import Conformance

/// `freezelab replay PATH...`: replays PyTorch reference traces in the engine.
///
/// Prints `PASS name` or `FAIL name: <first difference>` per trace, then `N passed, M failed`,
/// and exits non-zero when any trace failed. The work is done by ``TraceRunner``.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay PyTorch reference traces (freezelab-trace/1) and compare every number."
    )

    @Argument(help: "Trace files, or folders of .json traces.")
    var paths: [String]

    func run() throws {
        // A missing path is an error naming it; unreadable files become FAIL lines.
        let results = try TraceRunner.replay(paths: paths)
        for result in results { print(result.line) }
        print(TraceRunner.summary(results))
        if results.isEmpty || results.contains(where: { !$0.passed }) { throw ExitCode.failure }
    }
}
