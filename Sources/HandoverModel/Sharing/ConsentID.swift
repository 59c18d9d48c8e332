import Foundation

/// A consent in the gateway's consent registry: a UUID, written in lower case.
///
/// A consent recorded through the API gets a new id; one that arrives as a `consent-grant`
/// message keeps the id its sender gave it (FHIR `Consent.id`, the council's consent record id),
/// so a later withdrawal from the same sender names the same consent.
public struct ConsentID: Sendable, Hashable, CustomStringConvertible {
    /// The UUID, compared by its bytes.
    public let id: MessageID

    /// A new random id.
    public init() { id = MessageID() }

    /// Parses a UUID in either case; throws `uuid` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        do {
            id = try MessageID(validating: raw, path: path)
        } catch {
            throw ValidationError(path: path, rule: "uuid", hint: "send the consent id as a UUID, e.g. 0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")
        }
    }

    /// The lower-case text form.
    public var value: String { id.value }
    /// The lower-case text form.
    public var description: String { id.value }
}
