import ArgumentParser

/// `handover-bench`: load generator and micro-benchmarks that print figures.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover-bench",
        abstract: "Measure a Handover gateway: throughput, latency and memory.",
        subcommands: [Exchange.self, ExternalLoad.self, BundleVerification.self, SignatureVerification.self, FormatCodecs.self, AuditSearch.self],
        defaultSubcommand: Exchange.self
    )
}
