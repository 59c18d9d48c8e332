import ArgumentParser

/// The `handover` command: run a gateway, manage its partners, and act as a partner client.
@main
struct Handover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Inter-agency message exchange gateway for councils, ICBs and prisons.",
        subcommands: [
            Serve.self, PartnerCommand.self, Send.self, Inbox.self, Fetch.self, Ack.self, Status.self, Keygen.self, Audit.self,
            ConsentCommand.self, IGCommand.self,
        ]
    )
}
