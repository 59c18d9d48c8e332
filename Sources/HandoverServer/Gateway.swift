import Foundation
public import HandoverModel
public import HandoverStore
import Hummingbird
import Logging
import NIOCore
import NIOSSL
import Prometheus
import ServiceLifecycle
public import UnixSignals
import HummingbirdCore
import HummingbirdTLS

/// A running Handover gateway: its store, clock, partner directory, metrics and HTTP routes.
///
/// ```swift
/// let gateway = try await Gateway.open(configuration: configuration)
/// try await gateway.registerConfiguredPartners()
/// try await gateway.run()   // until SIGTERM or SIGINT
/// ```
public final class Gateway: Sendable {
    public let configuration: GatewayConfiguration
    public let store: any Store
    public let clock: any HandoverClock
    let directory: PartnerDirectory
    let metrics: GatewayMetrics
    let receiver: BodyReceiver
    let logger: Logger
    /// The transparency log: checkpoints, receipts and proofs over the store's leaves.
    public let ledger: TransparencyLog
    /// Consents the share decision has read (`ConsentCache`).
    let consentCache = ConsentCache()

    /// Creates a gateway over an opened store.
    public init(configuration: GatewayConfiguration, store: any Store, clock: any HandoverClock = SystemClock(), logger: Logger? = nil) throws {
        self.configuration = configuration
        self.store = store
        self.clock = clock
        self.directory = PartnerDirectory(store: store)
        self.metrics = GatewayMetrics()
        self.logger = logger ?? Logger(label: "handover")
        let spool = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("spool", isDirectory: true)
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let keyring = try GatewayKeyring.openOrCreate(
            in: URL(fileURLWithPath: configuration.dataDirectory), keyName: configuration.ledger.origin
        )
        self.ledger = TransparencyLog(origin: configuration.ledger.origin, keyring: keyring, store: store)
        self.receiver = BodyReceiver(
            spoolDirectory: spool,
            inlineLimit: configuration.limits.inlineMessageBytes,
            maxBytes: configuration.limits.maxMessageBytes
        )
    }

    /// Opens the configured store and creates the gateway: the PostgreSQL database of
    /// `configuration.store.postgres` when set (several nodes may share it), else the embedded
    /// SQLite store in the data folder.
    public static func open(
        configuration: GatewayConfiguration, clock: any HandoverClock = SystemClock(), logger: Logger? = nil
    ) async throws -> Gateway {
        guard let url = configuration.store?.postgres else {
            let store = try SQLiteStore(directory: URL(fileURLWithPath: configuration.dataDirectory))
            return try Gateway(configuration: configuration, store: store, clock: clock, logger: logger)
        }
        let store = try await PostgresStore.open(url: url, logger: logger ?? Logger(label: "handover.store"))
        do {
            return try Gateway(configuration: configuration, store: store, clock: clock, logger: logger)
        } catch {
            await store.close()
            throw error
        }
    }

    /// Registers or updates the partners listed in the configuration. Credentials and signing
    /// settings an entry leaves out keep what the registry holds, so keys added or rotated with
    /// the `handover partner` commands survive a restart.
    public func registerConfiguredPartners() async throws {
        for entry in configuration.partners {
            var partner = try entry.partner()
            if let existing = try await store.partner(partner.mailbox) {
                if entry.apiKeySHA256 == nil { partner.apiKeyHashes = existing.apiKeyHashes }
                if entry.certificateSHA256 == nil { partner.certificateFingerprints = existing.certificateFingerprints }
                if entry.signing == nil { partner.signing = existing.signing }
                if entry.signingKeys == nil { partner.signingKeys = existing.signingKeys }
            }
            try await store.savePartner(partner)
            if let mesh = entry.mesh {
                try await store.saveMESHMailbox(MESHMailbox(id: mesh.mailbox, partner: partner.mailbox, password: mesh.password))
            }
        }
    }

    /// Expires overdue messages now, with non-delivery reports to their senders; returns how many expired.
    @discardableResult
    public func sweepExpired() async throws -> Int {
        let now = clock.now()
        let expired = try await store.expire(
            now: now,
            reportsExpireAt: now.addingTimeInterval(configuration.retention.expirySeconds)
        )
        metrics.expired(expired.count)
        if !expired.isEmpty { logger.info("expired unacknowledged messages", metadata: ["count": "\(expired.count)"]) }
        return expired.count
    }

    /// Issues a checkpoint if the log grew since the last one; returns the latest checkpoint.
    @discardableResult
    public func issueCheckpoint() async throws -> StoredCheckpoint? {
        try await ledger.issueCheckpoint(now: clock.now())
    }

    /// Serves until SIGTERM or SIGINT (or until the surrounding task is cancelled), then drains.
    /// - Parameter onListening: called with the bound port once the server accepts connections.
    public func run(
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let application = try makeApplication(onListening: onListening)
        try await ledger.catchUp()
        // A store with connections of its own (PostgreSQL) is listed first, so the group shuts it
        // down last, once the HTTP server has drained and the periodic services have stopped.
        let storeServices = (store as? any Service).map { [$0] } ?? []
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: storeServices + [application, expirySweeper, checkpointer],
                gracefulShutdownSignals: gracefulShutdownSignals,
                logger: logger
            )
        )
        // The group runs in a task of its own so that cancelling the caller drains in-flight
        // requests through a graceful shutdown instead of cutting connections.
        let runner = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await runner.value
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    func makeApplication(onListening: @escaping @Sendable (Int) async -> Void) throws -> some ApplicationProtocol {
        let listen = configuration.listen
        var server: HTTPServerBuilder = .http1()
        if let tls = configuration.tls {
            server = try .tls(.http1(), tlsConfiguration: try Self.tlsConfiguration(tls))
        } else if !Self.isLoopback(listen.host) {
            throw GatewayStartError(
                "plain HTTP is allowed only on a loopback address; configure tls to listen on \(listen.host)"
            )
        }
        return Application(
            router: makeRouter(),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(listen.host, port: listen.port),
                serverName: "Handover"
            ),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? listen.port) },
            logger: logger
        )
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func tlsConfiguration(_ tls: GatewayConfiguration.TLS) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if let authority = tls.clientCertificateAuthority {
            configuration.trustRoots = .file(authority)
            // On a server this demands a client certificate chaining to trustRoots.
            configuration.certificateVerification = .noHostnameVerification
        }
        return configuration
    }
}

/// The gateway cannot start with this configuration.
public struct GatewayStartError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
