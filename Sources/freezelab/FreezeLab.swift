import ArgumentParser

/// `freezelab`: verify Markdown lessons, build the site, replay PyTorch traces, benchmark.
@main
struct FreezeLab: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freezelab",
        abstract: "Learn how gradients, freezing and optimizers behave — by running it.",
        subcommands: [RunCommand.self, CheckCommand.self, BuildCommand.self, ServeCommand.self, BlessCommand.self, ListCommand.self, NewCommand.self, ReplayCommand.self, BenchCommand.self]
    )
}
