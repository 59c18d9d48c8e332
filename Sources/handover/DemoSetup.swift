import Foundation
import HandoverModel
import HandoverServer

/// Creates the demo data folder: a configuration with four partners and a file of their keys.
enum DemoSetup {
    struct DemoPartner {
        let mailbox: String
        let name: String
        let kind: OrganisationKind
        let scheme: OrganisationIdentifierScheme
        let code: String
        let organisation: String
    }

    static let partners = [
        DemoPartner(mailbox: "swindon-asc", name: "Swindon adult social care case system", kind: .localAuthority,
                    scheme: .gss, code: "E06000030", organisation: "Swindon Borough Council"),
        DemoPartner(mailbox: "bsw-icb", name: "BSW ICB continuing healthcare team", kind: .icb,
                    scheme: .ods, code: "QOX", organisation: "NHS Bath and North East Somerset, Swindon and Wiltshire ICB"),
        DemoPartner(mailbox: "hmp-leeds", name: "HMP Leeds healthcare", kind: .prison,
                    scheme: .prisonAgency, code: "LEI", organisation: "HMP Leeds"),
        DemoPartner(mailbox: "wiltshire-asc", name: "Wiltshire adult social care", kind: .localAuthority,
                    scheme: .gss, code: "E06000054", organisation: "Wiltshire Council"),
    ]

    /// Returns the demo configuration file, creating the folder, keys and configuration on first use.
    static func prepare(in folder: URL) throws -> URL {
        let configFile = folder.appendingPathComponent("handover.json")
        let keysFile = folder.appendingPathComponent("demo-keys.txt")
        if FileManager.default.fileExists(atPath: configFile.path) {
            print("Using the demo in \(folder.path). Partner API keys (also in \(keysFile.path)):")
            print((try? String(contentsOf: keysFile, encoding: .utf8)) ?? "(keys file missing)")
            return configFile
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var keyLines: [String] = []
        var entries: [PartnerConfiguration] = []
        for partner in partners {
            let key = APIKey.generate()
            keyLines.append("\(partner.mailbox)\t\(key)")
            entries.append(
                PartnerConfiguration(
                    mailbox: partner.mailbox,
                    name: partner.name,
                    organisation: Organisation(
                        kind: partner.kind,
                        identifier: try OrganisationIdentifier(scheme: partner.scheme, value: partner.code),
                        name: partner.organisation
                    ),
                    format: .handoverJSON,
                    apiKeySHA256: [APIKey.hash(key)]
                )
            )
        }
        let configuration = GatewayConfiguration(dataDirectory: "data", partners: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(configuration).write(to: configFile)
        let keys = keyLines.joined(separator: "\n") + "\n"
        guard FileManager.default.createFile(atPath: keysFile.path, contents: Data(keys.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: keysFile.path])
        }
        print("Created a demo gateway in \(folder.path) with four partners. Their API keys (shown once, kept in \(keysFile.path)):")
        print(keys)
        return configFile
    }
}
