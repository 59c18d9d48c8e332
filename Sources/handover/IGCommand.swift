import ArgumentParser
import Foundation
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore

/// `handover ig search|export|subject-access|account|login-link`: the information-governance
/// audit against a gateway's data folder.
struct IGCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ig",
        abstract: "Search and export shares, subject access reports, IG accounts and console sign-in links.",
        subcommands: [Search.self, Export.self, SubjectAccess.self, AccountCommand.self, LoginLink.self]
    )

    struct Filters: ParsableArguments {
        @Option(help: "The person's NHS number.") var nhsNumber: String?
        @Option(help: "A partner mailbox, as sender or recipient.") var partner: String?
        @Option(help: "Submitted from (date or RFC 3339).") var from: String?
        @Option(help: "Submitted before (date, meaning the end of that day, or RFC 3339).") var to: String?
        @Option(help: "Purpose.") var purpose: String?
        @Option(help: "consent, statute, a statute or a consent id.") var basis: String?
        @Option(help: "accepted, delivered, downloaded, acknowledged, expired or withheld.") var outcome: String?

        var parameters: [(String, String)] {
            [("nhsNumber", nhsNumber), ("partner", partner), ("from", from), ("to", to), ("purpose", purpose), ("basis", basis), ("outcome", outcome)]
                .compactMap { name, value in value.map { (name, $0) } }
        }

        func search(_ store: any Store) async throws -> [MessageRecord] {
            do {
                return try await IGAudit.search(store, parameters: parameters)
            } catch let error as HandoverModel.ValidationError {
                throw ArgumentParser.ValidationError(error.issues.map { "--\($0.path): \($0.hint)" }.joined(separator: "; "))
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the shares matching the filters, one JSON object a line.")
        @OptionGroup var store: PartnerCommand.StoreOptions
        @OptionGroup var filters: Filters

        func run() async throws {
            let store = try await self.store.open()
            for record in try await filters.search(store) { print(String(decoding: try await IGAudit.json(record, store: store), as: UTF8.self)) }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the shares matching the filters as CSV or as FHIR AuditEvents (IHE BALP).")
        @OptionGroup var store: PartnerCommand.StoreOptions
        @OptionGroup var filters: Filters
        @Option(help: "csv or fhir.") var format = "csv"
        @Option(name: .shortAndLong, help: "Write here (default stdout).") var output: String?

        func run() async throws {
            let store = try await self.store.open()
            let records = try await filters.search(store)
            let bytes: [UInt8]
            switch format {
            case "csv": bytes = Array(try await IGAudit.csv(records, store: store).utf8)
            case "fhir": bytes = try await IGAudit.fhir(records, store: store, now: Date())
            default: throw ValidationError("--format is csv or fhir")
            }
            if let output {
                try Data(bytes).write(to: URL(fileURLWithPath: output))
                print("wrote \(records.count) shares to \(output)")
            } else {
                FileHandle.standardOutput.write(Data(bytes))
            }
        }
    }

    struct SubjectAccess: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "subject-access",
            abstract: "Write a subject access report for a person: every share, every consent, and a proof bundle per share."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Option(help: "The person's NHS number.") var nhsNumber: String
        @Option(name: .shortAndLong, help: "Folder to write the report into.") var output: String

        func run() async throws {
            let (store, directory) = try await self.store.openWithDirectory()
            let person = try NHSNumber(validating: nhsNumber, path: "--nhs-number")
            let keyring = try GatewayKeyring.open(in: directory)
            let log = TransparencyLog(origin: keyring.signer.keyName, keyring: keyring, store: store)
            let folder = URL(fileURLWithPath: output)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let records = try await IGAudit.search(store, parameters: [("nhsNumber", person.value)])
            var shares: [String] = []
            for record in records {
                shares.append(String(decoding: try await IGAudit.json(record, store: store), as: UTF8.self))
                if let bundle = try await log.proofBundle(for: record.envelope.id, disclosingSalt: false, now: Date()) {
                    try Data(try bundle.json()).write(to: folder.appendingPathComponent("proof-\(record.envelope.id).json"))
                }
            }
            let consents = try await store.consents(of: person).map { String(decoding: IGAudit.json($0), as: UTF8.self) }
            let report = "{\"nhsNumber\":\"\(person.value)\",\"generatedAt\":\"\(Timestamp.format(Date()))\",\"shares\":[\(shares.joined(separator: ","))],\"consents\":[\(consents.joined(separator: ","))]}"
            try Data(report.utf8).write(to: folder.appendingPathComponent("subject-access.json"))
            try Data(try await IGAudit.csv(records, store: store).utf8).write(to: folder.appendingPathComponent("shares.csv"))
            print("wrote \(records.count) shares, \(consents.count) consents and \(records.count) proof bundles to \(output)")
        }
    }

    struct LoginLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login-link", abstract: "Print a one-time console sign-in link for an IG account, valid for two minutes."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Argument(help: "IG username.") var username: String
        @Option(help: "Console page to open after signing in.") var next = "/ig/shares"

        func run() async throws {
            let store = try await self.store.open()
            guard try await store.igAccount(username: username) != nil else { throw ValidationError("no IG account \(username)") }
            print(try await IGAudit.loginLink(store: store, username: username, next: next, now: Date()))
        }
    }
}
