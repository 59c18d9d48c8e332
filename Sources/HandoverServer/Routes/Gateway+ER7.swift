import Crypto
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import NIOCore

/// HL7 v2 (ER7) partners: a prison healthcare system posts REF^I12, ADT^A02/A03 and ACK
/// messages, which are translated into canonical messages on the way in; messages to it are
/// translated into ER7 on the way out (`contracts/formats/hl7v2/`). What a translation cannot
/// carry is kept with the message and shown to the sender (202), the recipient (download) and
/// tracking, in `Handover-Dropped` and `droppedFields`.
extension Gateway {
    /// Rules meaning the body is not a usable ER7 message at all (400); others are 422.
    static let er7MalformedRules: Set<String> = [
        "er7-empty", "er7-missing-msh", "er7-truncated", "er7-utf8", "er7-control-character", "er7-encoding-characters",
        "er7-mllp-framing", "er7-multiple-messages", "er7-segment-name", "er7-too-many-segments", "er7-too-many-fields",
        "er7-too-many-values", "er7-field-too-long", "er7-escape-unsupported", "er7-escape-unterminated",
    ]

    static let droppedHeader = HTTPField.Name("Handover-Dropped")

    /// Accepts an ER7 message from an HL7 v2 partner: decode, route by MSH-6, check the signature
    /// (over the whole body, which is what the partner sent), store the canonical form durably.
    func submitER7(
        _ body: ReceivedBody, request: Request, sender: Partner, idempotencyHeader: String?, named: (String) -> Void
    ) async throws -> Response {
        let bytes: [UInt8]
        switch body {
        case .memory(let buffer): bytes = Array(buffer.readableBytesView)
        case .spooled(let url, _): bytes = Array(try Data(contentsOf: url, options: .alwaysMapped))
        }
        let routes = try await directory.hl7Routes()
        let message: PrisonHealthcareMessage
        do throws(ValidationError) {
            message = try PrisonHealthcareDecoder.decode(bytes, directory: routes)
        } catch {
            throw Self.refusal(error, malformed: Self.er7MalformedRules)
        }
        let submission = message.submission
        named(submission.recipient.value)
        try await checkRouting(recipient: submission.recipient, conversationId: submission.conversationId, from: sender, paths: .er7)
        let signature = try SubmissionSignature.verify(
            request, payload: bytes, sender: sender, recipient: submission.recipient.value,
            kind: submission.kind.rawValue, localID: submission.senderLocalId
        )
        let now = clock.now()
        let (salt, commitment) = PayloadCommitment.make(payload: submission.payload)
        let subjectJSON = submission.subject.map(CanonicalPersonCodec.json)
        let dropped = submission.dropped.map(\.description)
        let outcome = try await store.submit(
            NewMessage(
                envelope: MessageEnvelope(
                    id: MessageID(), sender: sender.mailbox, recipient: submission.recipient, kind: submission.kind,
                    conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
                    createdAt: now, senderLocalId: submission.senderLocalId
                ),
                subjectJSON: subjectJSON,
                payload: .inline(submission.payload),
                payloadSHA256: Array(SHA256.hash(data: submission.payload)),
                idempotencyKey: idempotencyHeader ?? submission.senderLocalId,
                requestSHA256: Array(SHA256.hash(data: bytes)),
                expiresAt: now.addingTimeInterval(configuration.retention.expirySeconds),
                payloadSalt: salt,
                payloadCommitment: commitment,
                signature: signature?.compact,
                droppedFields: dropped
            )
        )
        var response = try accepted(outcome)
        if let name = Self.droppedHeader, !outcome.record.droppedFields.isEmpty {
            response.headers[name] = Self.headerList(outcome.record.droppedFields)
        }
        return response
    }

    /// The message encoded for an HL7 v2 recipient, with what the encoding could not carry.
    func er7Delivery(_ record: MessageRecord, payload location: PayloadLocation, to recipient: Partner) async throws -> Response {
        let payload = try location.bytes()
        let envelope = record.envelope
        let sender = try await directory.partner(envelope.sender)
        let header = HL7Header(
            sendingApplication: "HANDOVER",
            sendingFacility: HL7Facility(
                code: sender?.organisation.identifier.value ?? envelope.sender.value,
                name: sender?.organisation.name ?? envelope.sender.value
            ),
            receivingApplication: recipient.mailbox.value.uppercased(),
            receivingFacility: HL7Facility(code: recipient.organisation.identifier.value, name: recipient.organisation.name),
            sentAt: try HL7Timestamp(iso: Timestamp.format(envelope.createdAt), path: "/createdAt"),
            controlId: envelope.id.description
        )
        let translated = TranslatedSubmission(
            recipient: envelope.recipient, kind: envelope.kind, conversationId: envelope.conversationId,
            subject: try record.subject(), purpose: envelope.purpose, senderLocalId: envelope.senderLocalId,
            payload: payload
        )
        let output: PrisonHealthcareEncoder.Output
        do throws(ValidationError) {
            output = try PrisonHealthcareEncoder.encode(translated, header: header)
        } catch {
            throw Problem(
                .unprocessableContent, "not-translatable",
                title: "The message cannot be written in your format",
                detail: "message \(envelope.id) (\(envelope.kind.rawValue)) cannot be encoded as HL7 v2: "
                    + error.issues.map { "\($0.path) \($0.rule)" }.joined(separator: "; "),
                errors: error.issues
            )
        }
        var headers = HTTPFields()
        headers[.contentType] = "x-application/hl7-v2+er7"
        if let name = HTTPField.Name("Handover-Message-Id") { headers[name] = envelope.id.description }
        if let name = HTTPField.Name("Handover-Kind") { headers[name] = envelope.kind.rawValue }
        if let name = HTTPField.Name("Handover-Sender") { headers[name] = envelope.sender.value }
        let dropped = record.droppedFields + output.dropped.map(\.description)
        if let name = Self.droppedHeader, !dropped.isEmpty { headers[name] = Self.headerList(dropped) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: output.bytes)))
    }

    /// A header value listing `items`: control characters removed, separated by "; ".
    static func headerList(_ items: [String]) -> String {
        items.map { String($0.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init)) }
            .joined(separator: "; ")
    }
}
