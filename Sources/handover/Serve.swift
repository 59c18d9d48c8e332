import ArgumentParser
import Foundation
import HandoverServer
import Logging

/// `handover serve`: start a gateway from a configuration file, or a demo one.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the gateway until SIGTERM or SIGINT.",
        discussion: """
            With --demo, a data folder with a configuration and four demo partners (a council, an ICB, \
            a prison and a neighbouring council) is created on first use, and their API keys are printed.
            """
    )

    @Option(name: .long, help: "Configuration file (JSON; see contracts/config.schema.json).")
    var config: String?

    @Flag(name: .long, help: "Create or reuse a demo data folder with four demo partners.")
    var demo = false

    @Option(name: .long, help: "Data folder for --demo.")
    var data = "demo-data"

    @Option(name: .long, help: "Override the listen port.")
    var port: Int?

    mutating func validate() throws {
        if config == nil && !demo { throw ValidationError("give --config FILE, or --demo") }
        if config != nil && demo { throw ValidationError("give either --config or --demo, not both") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let file: URL
        if demo {
            file = try DemoSetup.prepare(in: URL(fileURLWithPath: data))
        } else {
            file = URL(fileURLWithPath: config ?? "")
        }
        var configuration = try GatewayConfiguration.load(from: file)
        if let port { configuration.listen.port = port }
        configuration.applyEnvironment()
        let dataDirectory = configuration.dataDirectory
        let gateway = try await Gateway.open(configuration: configuration)
        try await gateway.registerConfiguredPartners()
        let scheme = configuration.tls == nil ? "http" : "https"
        let host = configuration.listen.host
        try await gateway.run { port in
            // Written unbuffered: scripts and the benchmark read this line from a pipe.
            let line = "Handover is listening on \(scheme)://\(host):\(port) (data in \(dataDirectory))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }
}
