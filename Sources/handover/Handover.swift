import ArgumentParser
import NIOCore
import NIOPosix

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

    /// Swift concurrency's jobs run on NIO's event loops instead of a pool of their own, so a
    /// request handler carries on where NIO read the request and a store write resumes on an
    /// event loop, without a hop between two pools of threads for each. It has to be set before
    /// any task starts, so here, before the command is parsed and run.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        // Named by its type: a plain `main(nil)` here resolves to the synchronous overload,
        // which cannot run an async command.
        let run: ([String]?) async -> Void = main
        await run(nil)
    }
}
