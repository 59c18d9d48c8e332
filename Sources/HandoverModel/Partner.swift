import Foundation

/// A system registered to exchange messages through the gateway: one mailbox, one organisation.
///
/// Credentials are never held in clear: API keys as SHA-256 hashes (the keys are 256-bit random
/// values, so a slow password hash adds nothing), client certificates as SHA-256 fingerprints of
/// their DER encoding.
public struct Partner: Sendable, Hashable {
    /// The partner's mailbox, which is also its identity on the wire.
    public var mailbox: MailboxID
    /// A human name for operators and auditors, such as "Swindon adult social care (Mosaic)".
    public var name: String
    /// The organisation the partner acts for.
    public var organisation: Organisation
    /// The format it posts in and receives in.
    public var format: PartnerFormat
    /// Hex SHA-256 of each API key that authenticates as this partner.
    public var apiKeyHashes: [String]
    /// Hex SHA-256 of the DER of each client certificate that authenticates as this partner.
    public var certificateFingerprints: [String]
    /// Whether submissions must be signed.
    public var signing: SigningRequirement
    /// The keys the partner signs submissions with; old keys stay listed while signatures by them
    /// may still arrive.
    public var signingKeys: [PartnerPublicKey]

    /// Creates a registry entry.
    public init(
        mailbox: MailboxID,
        name: String,
        organisation: Organisation,
        format: PartnerFormat,
        apiKeyHashes: [String] = [],
        certificateFingerprints: [String] = [],
        signing: SigningRequirement = .optional,
        signingKeys: [PartnerPublicKey] = []
    ) {
        self.mailbox = mailbox
        self.name = name
        self.organisation = organisation
        self.format = format
        self.apiKeyHashes = apiKeyHashes
        self.certificateFingerprints = certificateFingerprints
        self.signing = signing
        self.signingKeys = signingKeys
    }
}
