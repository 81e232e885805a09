import ArgumentParser

/// `freezelab`: verify Markdown lessons, build the site, replay PyTorch traces, benchmark.
@main
struct FreezeLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freezelab",
        abstract: "Learn how gradients, freezing and optimizers behave — by running it.",
        subcommands: []
    )
}
