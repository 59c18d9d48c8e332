import Crypto
import Foundation
import HandoverLedger
import HandoverModel

/// The log events every store appends, built the same way by each backend so that a message's
/// leaves are byte for byte the same whichever database keeps them.
extension LogEvent {
    /// The event of `kind` happening to `record` at `time`, done by `actor`.
    static func message(_ kind: LogEventKind, of record: MessageRecord, actor: String, at time: Date) throws -> LogEvent {
        try LogEvent(
            kind: kind,
            messageID: record.envelope.id.description,
            sender: record.envelope.sender.value,
            recipient: record.envelope.recipient.value,
            actor: actor,
            time: Timestamp.format(time),
            payloadCommitment: record.payloadCommitment,
            originalCommitment: record.originalCommitment,
            basis: record.envelope.lawfulBasis?.description
        )
    }

    /// The `rejected` event of a refused request.
    static func rejection(_ rejection: Rejection) throws -> LogEvent {
        try LogEvent(
            kind: .rejected,
            messageID: rejection.messageID?.description,
            sender: rejection.actor.value,
            recipient: rejection.recipient ?? "",
            actor: rejection.actor.value,
            time: Timestamp.format(rejection.time),
            payloadCommitment: nil
        )
    }

    /// A `consent-recorded` or `consent-withdrawn` event, committing to the SHA-256 of the
    /// decision's text (`ConsentRecordText`); `message` is the consent message that carried it.
    static func consent(
        _ kind: LogEventKind, _ id: ConsentID, commitment bytes: [UInt8], actor: String, time: Date, message: MessageRecord?
    ) throws -> LogEvent {
        try LogEvent(
            kind: kind, messageID: message?.envelope.id.value, sender: message?.envelope.sender.value ?? actor,
            recipient: message?.envelope.recipient.value ?? "", actor: actor, time: Timestamp.format(time),
            payloadCommitment: Array(SHA256.hash(data: bytes)), basis: LawfulBasis.consent(id).description
        )
    }
}

extension LedgerLeaf {
    /// The leaf recording `event` at position `index`: its canonical bytes and their leaf hash.
    init(index: UInt64, event: LogEvent) {
        let bytes = event.leafBytes
        self.init(index: index, bytes: bytes, hash: MerkleHash.leafHash(bytes))
    }
}
