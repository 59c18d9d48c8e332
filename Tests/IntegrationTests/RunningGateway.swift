import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverModel
import HandoverServer

/// A real gateway serving HTTP on 127.0.0.1 with a real SQLite store in a temporary folder, and
/// API keys for three partners: a council, an ICB and a prison.
final class RunningGateway: Sendable {
    static let council = "swindon-asc"
    static let icb = "bsw-icb"
    static let prison = "hmp-leeds"

    let gateway: Gateway
    let port: Int
    let folder: URL
    let keys: [String: String]
    let http: HTTPClient
    private let task: Task<Void, any Error>

    private init(gateway: Gateway, port: Int, folder: URL, keys: [String: String], http: HTTPClient, task: Task<Void, any Error>) {
        self.gateway = gateway
        self.port = port
        self.folder = folder
        self.keys = keys
        self.http = http
        self.task = task
    }

    /// Starts a gateway; pass `folder` and `keys` of a stopped one to restart it on the same data.
    static func start(
        folder: URL? = nil,
        keys: [String: String]? = nil,
        clock: any HandoverClock = SystemClock(),
        configure: (inout GatewayConfiguration) -> Void = { _ in }
    ) async throws -> RunningGateway {
        let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("handover-test-\(UUID().uuidString)")
        let keys = keys ?? Dictionary(uniqueKeysWithValues: [council, icb, prison].map { ($0, APIKey.generate()) })
        var configuration = GatewayConfiguration(
            listen: .init(host: "127.0.0.1", port: 0),
            dataDirectory: folder.path,
            partners: [
                try partner(council, .localAuthority, .gss, "E06000030", key: keys[council]),
                try partner(icb, .icb, .ods, "QOX", key: keys[icb]),
                try partner(prison, .prison, .prisonAgency, "LEI", key: keys[prison]),
            ]
        )
        configuration.retention.sweepIntervalSeconds = 3600
        configure(&configuration)
        let gateway = try await Gateway.open(configuration: configuration, clock: clock)
        try await gateway.registerConfiguredPartners()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await gateway.run(gracefulShutdownSignals: []) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let http = try HandoverClient.makeHTTPClient()
        return RunningGateway(gateway: gateway, port: port, folder: folder, keys: keys, http: http, task: task)
    }

    private static func partner(
        _ mailbox: String,
        _ kind: OrganisationKind,
        _ scheme: OrganisationIdentifierScheme,
        _ code: String,
        key: String?
    ) throws -> PartnerConfiguration {
        PartnerConfiguration(
            mailbox: mailbox,
            name: mailbox,
            organisation: Organisation(kind: kind, identifier: try OrganisationIdentifier(scheme: scheme, value: code), name: mailbox),
            format: .handoverJSON,
            apiKeySHA256: key.map { [APIKey.hash($0)] }
        )
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A client authenticated as `mailbox`, or with `key` when given.
    func client(_ mailbox: String, key: String? = nil) -> HandoverClient {
        HandoverClient(baseURL: baseURL, apiKey: key ?? keys[mailbox], http: http)
    }

    /// Stops serving and waits until the server has shut down.
    func stop() async throws {
        task.cancel()
        _ = await task.result
        try await http.shutdown()
    }

    /// A test that throws before `stop()` must fail with its own error, not crash the run in
    /// the HTTP client's check that it was shut down; the server is cancelled with it.
    deinit {
        task.cancel()
        try? http.syncShutdown()
    }

    /// Stops serving and deletes the data folder.
    func stopAndRemove() async throws {
        try await stop()
        try? FileManager.default.removeItem(at: folder)
    }
}
