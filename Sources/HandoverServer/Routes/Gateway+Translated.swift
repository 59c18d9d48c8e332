import Crypto
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import NIOCore

/// Partners on a translated format (FHIR R4, HL7 v2, HMPPS JSON, council JSON, CSV or XML):
/// the body is decoded with the sender's codec into canonical submissions on the way in, kept as
/// the original beside its translation, and messages to such a partner are encoded with its
/// codec on the way out (`contracts/formats/`). What a translation cannot carry is kept with the
/// message and shown to the sender (202), the recipient (download) and tracking, in
/// `Handover-Dropped` and `droppedFields`.
extension Gateway {
    static let droppedHeader = HTTPField.Name("Handover-Dropped")

    /// Claims a signature over a batch body carries: it covers every row, so it names no single
    /// recipient or local id (`contracts/ledger/signatures.md`).
    static let batchSignatureRecipient = "*"
    static let batchSignatureKind = "batch"

    /// Accepts a body in the sender's own format: decode, route each submission, check the
    /// signature (over the whole body, which is what the partner sent), store every submission
    /// with the original in one transaction.
    func submitTranslated(
        _ bytes: [UInt8], mediaType: String, codec: any PartnerCodec, sender: Partner,
        signature compact: String?, idempotencyKey: String?, named: (String) -> Void
    ) async throws -> [SubmitOutcome] {
        let context = DecodingContext(sender: sender, directory: try await directory.routes())
        let submissions: [TranslatedSubmission]
        do throws(ValidationError) {
            submissions = try codec.decode(bytes, context: context)
        } catch {
            throw Self.refusal(error, malformed: codec.malformedRules)
        }
        guard let first = submissions.first else {
            throw Problem.invalid(ValidationError(path: "", rule: "empty-batch", hint: "send at least one message"))
        }
        named(first.recipient.value)
        var issues: [ValidationIssue] = []
        for submission in submissions {
            issues += try await routingIssues(
                recipient: submission.recipient, conversationId: submission.conversationId, from: sender,
                locations: submission.locations
            )
        }
        if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
        let batch = submissions.count > 1
        let signature = try SubmissionSignature.verify(
            compact, payload: bytes, sender: sender,
            recipient: batch ? Self.batchSignatureRecipient : first.recipient.value,
            kind: batch ? Self.batchSignatureKind : first.kind.rawValue,
            localID: batch ? nil : first.senderLocalId
        )
        let now = clock.now()
        let requestSHA256 = Array(SHA256.hash(data: bytes))
        var messages = submissions.enumerated().map { index, submission in
            let (salt, commitment) = PayloadCommitment.make(payload: submission.payload)
            return NewMessage(
                envelope: MessageEnvelope(
                    id: MessageID(), sender: sender.mailbox, recipient: submission.recipient, kind: submission.kind,
                    conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
                    createdAt: now, senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
                ),
                subjectJSON: submission.subject.map(CanonicalPersonCodec.json),
                payload: .inline(submission.payload),
                payloadSHA256: Array(SHA256.hash(data: submission.payload)),
                idempotencyKey: Self.idempotencyKey(idempotencyKey, row: index, batch: batch) ?? submission.senderLocalId,
                requestSHA256: batch ? Array(SHA256.hash(data: requestSHA256 + Array("#\(index)".utf8))) : requestSHA256,
                expiresAt: now.addingTimeInterval(configuration.retention.expirySeconds),
                payloadSalt: salt,
                payloadCommitment: commitment,
                // A batch's one signature is kept with its first message, which is what makes a
                // replay of the same signed file recognisable.
                signature: index == 0 ? signature?.compact : nil,
                droppedFields: submission.dropped.map(\.description),
                original: OriginalBody(bytes: bytes, mediaType: mediaType, commitment: PayloadCommitment.commitment(payload: bytes, salt: salt))
            )
        }
        for index in messages.indices {
            // A batch row's problems are located in its row by the codec's own paths where it has them.
            issues += try await applyPolicy(to: &messages[index], sender: sender).map {
                batch ? ValidationIssue(path: "row \(index + 1) \($0.path)", rule: $0.rule, hint: $0.hint) : $0
            }
        }
        if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
        return batch ? try await store.submit(batch: messages) : [try await store.submit(messages[0])]
    }

    /// The idempotency key of row `row`: the header's key, suffixed with the row in a batch.
    private static func idempotencyKey(_ header: String?, row: Int, batch: Bool) -> String? {
        guard let header else { return nil }
        return batch ? "\(header)#\(row + 1)" : header
    }

    /// The 202 for a body: one message's receipt (with what its translation dropped), or for a
    /// batch every message's.
    func acceptedResponse(_ outcomes: [SubmitOutcome]) throws -> Response {
        guard outcomes.count > 1, let first = outcomes.first else {
            guard let only = outcomes.first else { throw Problem.invalid(ValidationError(path: "", rule: "empty-batch", hint: "send at least one message")) }
            var response = try accepted(only)
            if let name = Self.droppedHeader, !only.record.droppedFields.isEmpty {
                response.headers[name] = Self.headerList(only.record.droppedFields)
            }
            return response
        }
        var writer = JSONWriter(capacity: 600 * outcomes.count)
        writer.raw("{\"messages\":[")
        for (index, outcome) in outcomes.enumerated() {
            if index > 0 { writer.raw(",") }
            metricsFor(outcome)
            let record = outcome.record
            let receipt = try ledger.receipt(for: record.envelope.id, leaf: outcome.submittedLeaf, acceptedAt: record.envelope.createdAt)
            writer.raw(MessageStatusJSON.encode(record, receipt: receipt))
        }
        writer.raw("]}")
        var headers = HTTPFields()
        headers[.location] = "/v1/outbox/\(first.record.envelope.id)"
        return Self.jsonResponse(writer.bytes, status: .accepted, headers: headers)
    }

    /// The message encoded for a recipient on a translated format, with what the encoding could not carry.
    func translatedDelivery(
        _ record: MessageRecord, payload location: PayloadLocation, to recipient: Partner, codec: any PartnerCodec
    ) async throws -> Response {
        var envelope = record.envelope
        envelope.subject = try record.subject()
        let sender = try await directory.partner(envelope.sender)
        let message = OutboundMessage(
            envelope: envelope, payload: try location.bytes(),
            senderOrganisation: sender?.organisation, recipientOrganisation: recipient.organisation
        )
        let output: EncodedMessage
        do throws(ValidationError) {
            output = try Self.encode(message, with: codec)
        } catch {
            throw Problem(
                .unprocessableContent, "not-translatable",
                title: "The message cannot be written in your format",
                detail: "message \(envelope.id) (\(envelope.kind.rawValue)) cannot be encoded as \(codec.format.rawValue): "
                    + error.issues.map { "\($0.path) \($0.rule)" }.joined(separator: "; "),
                errors: error.issues + [
                    ValidationIssue(
                        path: "Accept", rule: "translation-available",
                        hint: "download it as a canonical message with Accept: \(Self.canonicalMediaType), then acknowledge it"
                    )
                ]
            )
        }
        var headers = HTTPFields()
        headers[.contentType] = output.mediaType
        if let name = HTTPField.Name("Handover-Message-Id") { headers[name] = envelope.id.description }
        if let name = HTTPField.Name("Handover-Kind") { headers[name] = envelope.kind.rawValue }
        if let name = HTTPField.Name("Handover-Sender") { headers[name] = envelope.sender.value }
        // The signed bytes (the original, or a canonical sender's payload) are served beside the translation.
        if let link = HTTPField.Name("Link") { headers[link] = "</v1/inbox/\(envelope.id)/original>; rel=\"original\"" }
        let dropped = record.droppedFields + output.dropped.map(\.description)
        if let name = Self.droppedHeader, !dropped.isEmpty { headers[name] = Self.headerList(dropped) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: output.bytes)))
    }

    /// The media type a partner on any format may ask for to receive the canonical message itself,
    /// for a kind its own format has no message for.
    static let canonicalMediaType = "application/vnd.handover.message+json"

    /// Encodes `message`; the gateway's own non-delivery report goes to a format without one as
    /// that format's negative acknowledgement of the expired message (outcome `error`, the
    /// reason as its note), so every partner can read and acknowledge it.
    static func encode(_ message: OutboundMessage, with codec: any PartnerCodec) throws(ValidationError) -> EncodedMessage {
        do {
            return try codec.encode(message)
        } catch {
            guard message.envelope.kind == .nonDeliveryReport else { throw error }
            var acknowledgement = message
            acknowledgement.envelope.kind = .acknowledgement
            acknowledgement.payload = negativeAcknowledgement(ofReport: message.payload)
            var output = try codec.encode(acknowledgement)
            output.dropped.append(
                DroppedField(
                    location: "/kind",
                    reason: "\(codec.format.rawValue) has no non-delivery report: written as a negative acknowledgement of the expired message"
                )
            )
            return output
        }
    }

    /// `{"outcome":"error","note":<the report's reason>}` from a non-delivery report's payload.
    static func negativeAcknowledgement(ofReport payload: [UInt8]) -> [UInt8] {
        let reason = payload.withUnsafeBytes { try? JSONParser.parse($0) }?["reason"].flatMap { value -> String? in
            if case .string(let text) = value { text } else { nil }
        }
        var writer = JSONWriter(capacity: 256)
        writer.write(.object([("outcome", .string("error")), ("note", .string(reason ?? "the message expired before the recipient acknowledged it"))]))
        return writer.bytes
    }

    /// A header value listing `items`: control characters removed, separated by "; ".
    static func headerList(_ items: [String]) -> String {
        items.map { String($0.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)) }
            .joined(separator: "; ")
    }
}
