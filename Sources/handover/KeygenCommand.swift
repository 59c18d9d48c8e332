import ArgumentParser
import Foundation
import HandoverLedger

/// `handover keygen`: create a partner signing key pair as JWK files.
struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a partner signing key: a private JWK (owner-only) and its public JWK to register with the gateway."
    )
    @Option(help: "Key id the signatures will name.") var kid: String
    @Option(help: "Algorithm: EdDSA (Ed25519) or ES256 (P-256).") var algorithm = "EdDSA"
    @Option(help: "File prefix: writes PREFIX.private.jwk and PREFIX.public.jwk.") var out: String

    func run() throws {
        guard let algorithm = JWSAlgorithm(rawValue: algorithm) else { throw ValidationError("the algorithm is EdDSA or ES256") }
        let key = PartnerSigningKey.generate(algorithm)
        let privateFile = out + ".private.jwk"
        let publicFile = out + ".public.jwk"
        guard FileManager.default.createFile(
            atPath: privateFile, contents: try Self.json(key.privateJWK(kid: kid)), attributes: [.posixPermissions: 0o600]
        ) else { throw ValidationError("cannot write \(privateFile)") }
        try Self.json(key.partnerKey(kid: kid).jwk).write(to: URL(fileURLWithPath: publicFile))
        print("wrote \(privateFile) (keep it secret) and \(publicFile) (register it: handover partner add-signing-key MAILBOX \(publicFile))")
    }

    static func json(_ object: [String: String]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
    }
}
