import HandoverLedger
import HandoverModel
import HandoverServer

/// The partners a load benchmark registers: senders and recipients, all councils on handover-json,
/// each with its own API key; with `signed`, every sender has an Ed25519 key and `signing: required`.
struct BenchPartners {
    let senderNames: [String]
    let recipientNames: [String]
    /// API key by mailbox.
    let apiKeys: [String: String]
    /// Each sender's signing key, in the order of `senderNames`.
    let signingKeys: [PartnerSigningKey]
    let configurations: [PartnerConfiguration]

    init(senders: Int, recipients: Int, signed: Bool) throws {
        senderNames = (0..<senders).map { "bench-sender-\($0)" }
        recipientNames = (0..<recipients).map { "bench-recipient-\($0)" }
        signingKeys = senderNames.map { _ in PartnerSigningKey.generate(.edDSA) }
        var keys: [String: String] = [:]
        var configurations: [PartnerConfiguration] = []
        for (index, name) in (senderNames + recipientNames).enumerated() {
            let key = APIKey.generate()
            keys[name] = key
            let signingKey = signed && index < senderNames.count ? signingKeys[index] : nil
            configurations.append(
                PartnerConfiguration(
                    mailbox: name,
                    name: name,
                    organisation: Organisation(
                        kind: .localAuthority,
                        identifier: try OrganisationIdentifier(scheme: .gss, value: "E06" + Self.sixDigits(index)),
                        name: name
                    ),
                    format: .handoverJSON,
                    apiKeySHA256: [APIKey.hash(key)],
                    signing: signingKey == nil ? nil : .required,
                    signingKeys: try signingKey.map { [SigningKeyConfiguration(kid: "bench", jwk: try $0.partnerKey(kid: "bench").jwk)] }
                )
            )
        }
        apiKeys = keys
        self.configurations = configurations
    }

    private static func sixDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
