import ArgumentParser
import Foundation
import HandoverModel
import HandoverStore

extension PartnerCommand {
    /// `handover partner mesh MAILBOX --mesh-mailbox X26ABC1 --password-file FILE`: gives a partner a
    /// MESH mailbox for the MESH-compatible API.
    struct MESH: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mesh",
            abstract: "Give a partner a MESH mailbox and password for the MESH API (/messageexchange/).",
            discussion: """
                The password is kept in the store as given: verifying an NHSMESH token needs it \
                (contracts/mesh/README.md). Pass it in a file or on standard input rather than on the command line.
                """
        )
        @OptionGroup var store: StoreOptions
        @Argument(help: "The partner's Handover mailbox id, e.g. swindon-asc.") var mailbox: String
        @Option(name: .customLong("mesh-mailbox"), help: "The MESH mailbox id, e.g. X26ABC1 (upper-cased).") var meshMailbox: String
        @Option(name: .customLong("password-file"), help: "File holding the mailbox password ('-' for standard input).")
        var passwordFile: String?
        @Option(help: "The mailbox password (visible to other users of the machine; prefer --password-file).") var password: String?

        func run() async throws {
            let secret: String
            if let password {
                secret = password
            } else if let passwordFile {
                let data = passwordFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: passwordFile))
                secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            } else {
                throw ValidationError("give --password-file FILE (or --password)")
            }
            let id = meshMailbox.uppercased()
            guard (1...100).contains(id.utf8.count), id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) }) else {
                throw ValidationError("a MESH mailbox id is upper-case letters and digits, such as X26ABC1")
            }
            guard !secret.isEmpty else { throw ValidationError("the password is empty") }
            let store = try await store.open()
            let partner = try await StoreOptions.registered(mailbox, in: store)
            if let owner = try await store.meshMailbox(id), owner.partner != partner.mailbox {
                throw ValidationError("\(id) belongs to \(owner.partner)")
            }
            try await store.saveMESHMailbox(MESHMailbox(id: id, partner: partner.mailbox, password: secret))
            print("\(mailbox) is MESH mailbox \(id); a running gateway accepts it within 2 seconds")
        }
    }
}
