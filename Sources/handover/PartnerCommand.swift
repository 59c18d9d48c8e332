import ArgumentParser
import Foundation
import HandoverModel
import HandoverServer
import HandoverStore
import Logging

/// `handover partner add|list|rotate-key`: manage the registry in a gateway's data folder.
struct PartnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner",
        abstract: "Manage registered partners (writes to the gateway's store; a running gateway sees changes within 2 s).",
        subcommands: [Add.self, List.self, RotateKey.self, AddSigningKey.self, Signing.self, MESH.self]
    )

    struct StoreOptions: ParsableArguments {
        @Option(name: .long, help: "Configuration file of the gateway whose registry to change.")
        var config: String?

        @Option(name: .long, help: "Data folder of the gateway (instead of --config).")
        var data: String?

        /// The registered partner `mailbox`, or a usage error naming it.
        static func registered(_ mailbox: String, in store: any Store) async throws -> Partner {
            guard let partner = try await store.partner(try MailboxID(validating: mailbox)) else {
                throw ValidationError("no partner \(mailbox)")
            }
            return partner
        }

        /// The gateway's store: its PostgreSQL database when the configuration or
        /// `HANDOVER_POSTGRES_URL` names one, else the SQLite store in its data folder.
        func open() async throws -> any Store {
            try await openWithDirectory().store
        }

        /// The store and the data folder, which holds the log's signing key either way.
        func openWithDirectory() async throws -> (store: any Store, directory: URL) {
            var configuration = try self.configuration()
            configuration.applyEnvironment()
            let directory = URL(fileURLWithPath: configuration.dataDirectory)
            guard let url = configuration.store?.postgres else { return (try SQLiteStore(directory: directory), directory) }
            // Connection and migration notes would mix with the command's output.
            var logger = Logger(label: "handover.store")
            logger.logLevel = .warning
            return (try await PostgresStore.open(url: url, logger: logger), directory)
        }

        /// The gateway's data folder.
        func dataDirectory() throws -> URL {
            URL(fileURLWithPath: try configuration().dataDirectory)
        }

        private func configuration() throws -> GatewayConfiguration {
            if let config { return try GatewayConfiguration.load(from: URL(fileURLWithPath: config)) }
            guard let data else { throw ValidationError("give --config FILE or --data FOLDER") }
            return GatewayConfiguration(dataDirectory: data)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a partner and print its new API key.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Mailbox id, e.g. leeds-asc.") var mailbox: String
        @Option(help: "Human name of the system.") var name: String
        @Option(help: "Organisation kind: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String
        @Option(help: "Identifier scheme: gss, ods or prison-agency.") var scheme: String
        @Option(help: "Organisation code, e.g. E08000035.") var code: String
        @Option(help: "Organisation name.") var organisation: String
        @Option(help: "Wire format (default handover-json).") var format = "handover-json"

        func run() async throws {
            guard let kind = OrganisationKind(rawValue: kind) else { throw ValidationError("unknown --kind \(kind)") }
            guard let scheme = OrganisationIdentifierScheme(rawValue: scheme) else { throw ValidationError("unknown --scheme \(scheme)") }
            guard let format = PartnerFormat(rawValue: format) else { throw ValidationError("unknown --format \(format)") }
            let store = try await store.open()
            let mailbox = try MailboxID(validating: mailbox)
            if try await store.partner(mailbox) != nil { throw ValidationError("\(mailbox) is already registered; use rotate-key") }
            let key = APIKey.generate()
            let partner = Partner(
                mailbox: mailbox,
                name: name,
                organisation: Organisation(kind: kind, identifier: try OrganisationIdentifier(scheme: scheme, value: code), name: organisation),
                format: format,
                apiKeyHashes: [APIKey.hash(key)]
            )
            try await store.savePartner(partner)
            print("Registered \(mailbox). API key (shown once; store it in the partner's secret store):")
            print(key)
            print("Its hash, for a configuration file's apiKeySHA256: \(APIKey.hash(key))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered partners.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let partners = try await store.open().partners()
            for partner in partners {
                let org = partner.organisation
                print(
                    "\(partner.mailbox)\t\(org.kind.rawValue)\t\(org.identifier.scheme.rawValue):\(org.identifier.value)\t\(partner.format.rawValue)\t\(partner.apiKeyHashes.count) key(s), \(partner.certificateFingerprints.count) certificate(s), \(partner.signingKeys.count) signing key(s), signing \(partner.signing.rawValue)\t\(partner.name)"
                )
            }
            if partners.isEmpty { print("no partners registered") }
        }
    }

    struct RotateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Replace a partner's API keys with a new one and print it; old keys stop working."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Mailbox id.") var mailbox: String

        func run() async throws {
            let store = try await store.open()
            var partner = try await StoreOptions.registered(mailbox, in: store)
            let key = APIKey.generate()
            partner.apiKeyHashes = [APIKey.hash(key)]
            try await store.savePartner(partner)
            print("New API key for \(mailbox) (the old one stops working within 2 seconds):")
            print(key)
        }
    }

    struct AddSigningKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-signing-key",
            abstract: "Register a public key the partner signs submissions with (a JWK file from 'handover keygen')."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Mailbox id.") var mailbox: String
        @Argument(help: "Public JWK file (JSON with kid, kty, crv, x[, y]).") var jwkFile: String

        func run() async throws {
            let store = try await store.open()
            var partner = try await StoreOptions.registered(mailbox, in: store)
            let data = try Data(contentsOf: URL(fileURLWithPath: jwkFile))
            guard let jwk = try JSONSerialization.jsonObject(with: data) as? [String: String], let kid = jwk["kid"] else {
                throw ValidationError("\(jwkFile) is not a JWK with a kid")
            }
            let key = try SigningKeyConfiguration(kid: kid, jwk: jwk).publicKey(partner: mailbox)
            partner.signingKeys.removeAll { $0.kid == kid }
            partner.signingKeys.append(key)
            try await store.savePartner(partner)
            print("\(mailbox) now signs with \(partner.signingKeys.map(\.kid).joined(separator: ", ")); signing is \(partner.signing.rawValue)")
        }
    }

    struct Signing: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set whether a partner's submissions must be signed: required or optional."
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "Mailbox id.") var mailbox: String
        @Argument(help: "required or optional.") var requirement: String

        func run() async throws {
            guard let requirement = SigningRequirement(rawValue: requirement) else {
                throw ValidationError("say required or optional")
            }
            let store = try await store.open()
            var partner = try await StoreOptions.registered(mailbox, in: store)
            if requirement == .required && partner.signingKeys.isEmpty {
                throw ValidationError("\(mailbox) has no signing key; add one with 'handover partner add-signing-key' first")
            }
            partner.signing = requirement
            try await store.savePartner(partner)
            print("\(mailbox): signing \(requirement.rawValue)")
        }
    }
}
