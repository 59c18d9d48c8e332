public import Foundation
public import HandoverModel

/// Everything a gateway needs to start, read from a JSON file (`contracts/config.schema.json`
/// documents it) or built in code by tests and the benchmark.
///
/// A section may give only the members it changes; the others keep their defaults.
public struct GatewayConfiguration: Sendable, Codable {
    /// Where to listen.
    public struct Listen: Sendable, Codable {
        /// Host or address; plain HTTP is allowed only on a loopback address.
        public var host: String = "127.0.0.1"
        /// TCP port; 0 picks a free one.
        public var port: Int = 8080
        /// Creates a listen address.
        public init(host: String = "127.0.0.1", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }

    /// TLS, and mutual TLS when `clientCertificateAuthority` is set.
    public struct TLS: Sendable, Codable {
        /// PEM certificate chain of the gateway.
        public var certificateChain: String
        /// PEM private key of the gateway.
        public var privateKey: String
        /// PEM bundle of the CAs that issue partner client certificates; when set, a client
        /// certificate is required and mapped to a partner by its SHA-256 fingerprint.
        public var clientCertificateAuthority: String?
        /// Creates a TLS configuration from file paths.
        public init(certificateChain: String, privateKey: String, clientCertificateAuthority: String? = nil) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.clientCertificateAuthority = clientCertificateAuthority
        }
    }

    /// Size limits.
    public struct Limits: Sendable, Codable {
        /// Largest request body accepted; larger ones get 413.
        public var maxMessageBytes: Int = 20 * 1024 * 1024
        /// Bodies up to this size are handled in memory and stored in the database row; larger
        /// ones are streamed to a spool file and kept as a payload file.
        public var inlineMessageBytes: Int = 256 * 1024
        /// Largest inbox or outbox page.
        public var maxPageSize: Int = 500
        /// Creates limits.
        public init(maxMessageBytes: Int = 20 * 1024 * 1024, inlineMessageBytes: Int = 256 * 1024, maxPageSize: Int = 500) {
            self.maxMessageBytes = maxMessageBytes
            self.inlineMessageBytes = inlineMessageBytes
            self.maxPageSize = maxPageSize
        }
    }

    /// How long messages wait for acknowledgement.
    public struct Retention: Sendable, Codable {
        /// Seconds an accepted message waits for the recipient's acknowledgement; default 5 days.
        public var expirySeconds: Double = 5 * 24 * 3600
        /// Seconds between expiry sweeps.
        public var sweepIntervalSeconds: Double = 60
        /// Creates a retention policy.
        public init(expirySeconds: Double = 5 * 24 * 3600, sweepIntervalSeconds: Double = 60) {
            self.expirySeconds = expirySeconds
            self.sweepIntervalSeconds = sweepIntervalSeconds
        }
    }

    /// The transparency log.
    public struct Ledger: Sendable, Codable {
        /// The log's name: the first line of every checkpoint and the name of the gateway's
        /// signing key (C2SP tlog-checkpoint), such as `handover.swindon.gov.uk/ledger`.
        public var origin: String = "handover.localhost/ledger"
        /// Seconds between checkpoints while the log grows; none is issued while it does not.
        public var checkpointIntervalSeconds: Double = 1
        /// Creates a ledger configuration.
        public init(origin: String = "handover.localhost/ledger", checkpointIntervalSeconds: Double = 1) {
            self.origin = origin
            self.checkpointIntervalSeconds = checkpointIntervalSeconds
        }
    }

    /// Which store keeps the gateway's state.
    public struct Store: Sendable, Codable {
        /// `postgres://user:password@host:5432/database` (optionally `?sslmode=disable|prefer|require`):
        /// keep everything in this PostgreSQL database, which several gateway nodes may share.
        /// Absent: the embedded SQLite store in `dataDirectory`, for a single node.
        public var postgres: String?
        /// Creates a store setting.
        public init(postgres: String? = nil) {
            self.postgres = postgres
        }
    }

    /// Where to listen.
    public var listen = Listen()
    /// Folder of the embedded store, payload files and spool files; relative paths are taken
    /// from the configuration file's folder.
    public var dataDirectory: String = "data"
    /// The store; absent means the embedded SQLite store in `dataDirectory`. The data folder is
    /// used either way, for the gateway's signing key and spool files.
    public var store: Store?
    /// TLS; absent means plain HTTP, allowed only on loopback.
    public var tls: TLS?
    /// Size limits.
    public var limits = Limits()
    /// Retention.
    public var retention = Retention()
    /// The transparency log.
    public var ledger = Ledger()
    /// Partners to register (or update) at start.
    public var partners: [PartnerConfiguration] = []
    /// The MESH-compatible API; absent means `/messageexchange/` is not served.
    public var mesh: MESHConfiguration?

    /// Creates a configuration.
    public init(
        listen: Listen = Listen(),
        dataDirectory: String = "data",
        store: Store? = nil,
        tls: TLS? = nil,
        limits: Limits = Limits(),
        retention: Retention = Retention(),
        ledger: Ledger = Ledger(),
        partners: [PartnerConfiguration] = [],
        mesh: MESHConfiguration? = nil
    ) {
        self.listen = listen
        self.dataDirectory = dataDirectory
        self.store = store
        self.tls = tls
        self.limits = limits
        self.retention = retention
        self.ledger = ledger
        self.partners = partners
        self.mesh = mesh
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        listen = try container.decodeIfPresent(Listen.self, forKey: .listen) ?? Listen()
        dataDirectory = try container.decodeIfPresent(String.self, forKey: .dataDirectory) ?? "data"
        store = try container.decodeIfPresent(Store.self, forKey: .store)
        tls = try container.decodeIfPresent(TLS.self, forKey: .tls)
        limits = try container.decodeIfPresent(Limits.self, forKey: .limits) ?? Limits()
        retention = try container.decodeIfPresent(Retention.self, forKey: .retention) ?? Retention()
        ledger = try container.decodeIfPresent(Ledger.self, forKey: .ledger) ?? Ledger()
        partners = try container.decodeIfPresent([PartnerConfiguration].self, forKey: .partners) ?? []
        mesh = try container.decodeIfPresent(MESHConfiguration.self, forKey: .mesh)
    }

    /// Applies the settings the environment may give instead of the file: `HANDOVER_POSTGRES_URL`
    /// (a database URL usually holds a password) sets `store.postgres`.
    public mutating func applyEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let url = environment["HANDOVER_POSTGRES_URL"], !url.isEmpty {
            store = Store(postgres: url)
        }
    }

    /// Reads a configuration file, resolving relative paths against its folder.
    public static func load(from file: URL) throws -> GatewayConfiguration {
        var configuration = try JSONDecoder().decode(GatewayConfiguration.self, from: Data(contentsOf: file))
        let base = file.deletingLastPathComponent()
        func resolve(_ path: String) -> String {
            path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
        }
        configuration.dataDirectory = resolve(configuration.dataDirectory)
        if var tls = configuration.tls {
            tls.certificateChain = resolve(tls.certificateChain)
            tls.privateKey = resolve(tls.privateKey)
            tls.clientCertificateAuthority = tls.clientCertificateAuthority.map(resolve)
            configuration.tls = tls
        }
        return configuration
    }
}

/// A partner as written in the configuration file: credentials appear only as hashes.
public struct PartnerConfiguration: Sendable, Codable {
    public var mailbox: String
    public var name: String
    public var organisation: Organisation
    public var format: PartnerFormat
    /// Hex SHA-256 of each API key (`handover partner add` prints a key and its hash).
    public var apiKeySHA256: [String]?
    /// Hex SHA-256 of the DER of each client certificate.
    public var certificateSHA256: [String]?
    /// Whether submissions must be signed; `optional` when absent.
    public var signing: SigningRequirement?
    /// The partner's public signing keys.
    public var signingKeys: [SigningKeyConfiguration]?
    /// The partner's MESH mailbox, when it uses the MESH-compatible API.
    public var mesh: PartnerMESHConfiguration?

    /// Creates a partner entry.
    public init(
        mailbox: String,
        name: String,
        organisation: Organisation,
        format: PartnerFormat,
        apiKeySHA256: [String]? = nil,
        certificateSHA256: [String]? = nil,
        signing: SigningRequirement? = nil,
        signingKeys: [SigningKeyConfiguration]? = nil,
        mesh: PartnerMESHConfiguration? = nil
    ) {
        self.mailbox = mailbox
        self.name = name
        self.organisation = organisation
        self.format = format
        self.apiKeySHA256 = apiKeySHA256
        self.certificateSHA256 = certificateSHA256
        self.signing = signing
        self.signingKeys = signingKeys
        self.mesh = mesh
    }

    /// The registry entry, validated.
    public func partner() throws -> Partner {
        try Partner(
            mailbox: MailboxID(validating: mailbox, path: "/partners/\(mailbox)/mailbox"),
            name: name,
            organisation: organisation,
            format: format,
            apiKeyHashes: apiKeySHA256 ?? [],
            certificateFingerprints: certificateSHA256 ?? [],
            signing: signing ?? .optional,
            signingKeys: (signingKeys ?? []).map { try $0.publicKey(partner: mailbox) }
        )
    }
}

// Each section decodes with its defaults for the members a file leaves out (the synthesized
// decoders would require every member).

extension GatewayConfiguration.Listen {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        self.init(
            host: try container.decodeIfPresent(String.self, forKey: .host) ?? defaults.host,
            port: try container.decodeIfPresent(Int.self, forKey: .port) ?? defaults.port
        )
    }
}

extension GatewayConfiguration.Limits {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        self.init(
            maxMessageBytes: try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? defaults.maxMessageBytes,
            inlineMessageBytes: try container.decodeIfPresent(Int.self, forKey: .inlineMessageBytes) ?? defaults.inlineMessageBytes,
            maxPageSize: try container.decodeIfPresent(Int.self, forKey: .maxPageSize) ?? defaults.maxPageSize
        )
    }
}

extension GatewayConfiguration.Retention {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        self.init(
            expirySeconds: try container.decodeIfPresent(Double.self, forKey: .expirySeconds) ?? defaults.expirySeconds,
            sweepIntervalSeconds: try container.decodeIfPresent(Double.self, forKey: .sweepIntervalSeconds) ?? defaults.sweepIntervalSeconds
        )
    }
}

extension GatewayConfiguration.Ledger {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = Self()
        self.init(
            origin: try container.decodeIfPresent(String.self, forKey: .origin) ?? defaults.origin,
            checkpointIntervalSeconds: try container.decodeIfPresent(Double.self, forKey: .checkpointIntervalSeconds)
                ?? defaults.checkpointIntervalSeconds
        )
    }
}
