public import HandoverModel

extension CanonicalConsentCodec {
    /// The record as JSON, members in a fixed order: the registry's answer to the API, and the
    /// bytes whose SHA-256 the log's `consent-recorded` and `consent-withdrawn` leaves commit to.
    ///
    /// Only the decision itself is committed: `withdrawal` is written when `includeWithdrawal`.
    public static func json(_ consent: Consent, includeWithdrawal: Bool = true) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.raw("{\"consentId\":")
        writer.string(consent.id.value)
        writer.raw(",\"nhsNumber\":")
        writer.string(consent.subject.value)
        writer.raw(",\"givenBy\":")
        writer.string(consent.givenBy.rawValue)
        if let name = consent.givenByName {
            writer.raw(",\"givenByName\":")
            writer.string(name)
        }
        writer.raw(",\"decidedAt\":")
        writer.string(Timestamp.format(consent.decidedAt))
        writer.raw(",\"purposes\":")
        writer.write(.array(consent.purposes.map(\.rawValue).sorted().map(JSONValue.string)))
        writer.raw(",\"recipients\":[")
        for (index, recipient) in consent.recipients.enumerated() {
            if index > 0 { writer.raw(",") }
            switch recipient {
            case .kind(let kind):
                writer.raw("{\"kind\":")
                writer.string(kind.rawValue)
            case .organisation(let identifier):
                writer.raw("{\"scheme\":")
                writer.string(identifier.scheme.rawValue)
                writer.raw(",\"value\":")
                writer.string(identifier.value)
            }
            writer.raw("}")
        }
        writer.raw("],\"dataCategories\":")
        writer.write(.array(consent.dataCategories.sorted().map { JSONValue.string($0.rawValue) }))
        if let from = consent.validFrom {
            writer.raw(",\"validFrom\":")
            writer.string(from.description)
        }
        if let until = consent.validUntil {
            writer.raw(",\"validUntil\":")
            writer.string(until.description)
        }
        writer.raw(",\"recordedBy\":")
        writer.string(consent.recordedBy)
        writer.raw(",\"recordedVia\":")
        writer.string(consent.recordedVia)
        writer.raw(",\"recordedAt\":")
        writer.string(Timestamp.format(consent.recordedAt))
        if let message = consent.sourceMessage {
            writer.raw(",\"sourceMessageId\":")
            writer.string(message.value)
        }
        if includeWithdrawal, let withdrawal = consent.withdrawal {
            writer.raw(",\"withdrawal\":")
            writer.raw(json(withdrawal))
        }
        writer.raw(",\"status\":")
        writer.string(consent.withdrawal == nil ? "active" : "withdrawn")
        writer.raw("}")
        return writer.bytes
    }

    /// A withdrawal as JSON; the bytes a `consent-withdrawn` leaf commits to.
    public static func json(_ withdrawal: ConsentWithdrawal) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.raw("{\"withdrawnAt\":")
        writer.string(Timestamp.format(withdrawal.withdrawnAt))
        if let reason = withdrawal.reason {
            writer.raw(",\"reason\":")
            writer.string(reason)
        }
        writer.raw(",\"recordedBy\":")
        writer.string(withdrawal.recordedBy)
        writer.raw(",\"recordedVia\":")
        writer.string(withdrawal.recordedVia)
        writer.raw(",\"recordedAt\":")
        writer.string(Timestamp.format(withdrawal.recordedAt))
        if let message = withdrawal.sourceMessage {
            writer.raw(",\"sourceMessageId\":")
            writer.string(message.value)
        }
        writer.raw("}")
        return writer.bytes
    }
}
