import ArgumentParser
import Foundation
import HandoverServer
import HandoverStore

extension IGCommand {
    /// `handover ig account add|list|rotate-key|disable`: IG accounts, separate from partners.
    struct AccountCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account", abstract: "Manage information-governance accounts.", subcommands: [Add.self, List.self, RotateKey.self, Disable.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an IG account and print its new key once.")
            @OptionGroup var store: PartnerCommand.StoreOptions
            @Option(help: "Login name.") var username: String
            @Option(help: "The officer's name.") var name: String
            @Option(help: "officer (search, export, verify) or viewer (search only).") var role = "officer"

            func run() async throws {
                guard let role = IGAccount.Role(rawValue: role) else { throw ValidationError("--role is officer or viewer") }
                guard username.range(of: "^[a-z0-9][a-z0-9._-]{1,62}$", options: .regularExpression) != nil else {
                    throw ValidationError("--username is 2 to 63 lower-case letters, digits, '.', '_' or '-'")
                }
                let store = try await self.store.open()
                if try await store.igAccount(username: username) != nil { throw ValidationError("\(username) exists; use rotate-key") }
                let key = IGKey.generate()
                try await store.saveIGAccount(IGAccount(username: username, name: name, role: role, keyHashes: [APIKey.hash(key)]))
                print("Added IG account \(username) (\(role.rawValue)). Key (shown once):")
                print(key)
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List IG accounts.")
            @OptionGroup var store: PartnerCommand.StoreOptions

            func run() async throws {
                for account in try await store.open().igAccounts() {
                    print("\(account.username)\t\(account.role.rawValue)\t\(account.disabled ? "disabled" : "enabled")\t\(account.name)")
                }
            }
        }

        struct RotateKey: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "rotate-key", abstract: "Replace an IG account's key; the old one stops working.")
            @OptionGroup var store: PartnerCommand.StoreOptions
            @Argument(help: "Username.") var username: String

            func run() async throws {
                let store = try await self.store.open()
                guard var account = try await store.igAccount(username: username) else { throw ValidationError("no IG account \(username)") }
                let key = IGKey.generate()
                account.keyHashes = [APIKey.hash(key)]
                try await store.saveIGAccount(account)
                print(key)
            }
        }

        struct Disable: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Disable an IG account; its key and sessions stop working.")
            @OptionGroup var store: PartnerCommand.StoreOptions
            @Argument(help: "Username.") var username: String

            func run() async throws {
                let store = try await self.store.open()
                guard var account = try await store.igAccount(username: username) else { throw ValidationError("no IG account \(username)") }
                account.disabled = true
                try await store.saveIGAccount(account)
                print("disabled \(username)")
            }
        }
    }
}
