import Crypto
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import Logging

extension Gateway {
    /// A submission decoded from its body, with what the store needs from the raw bytes.
    private struct DecodedBody {
        var submission: CanonicalSubmission
        var payloadSHA256: [UInt8]
        var requestSHA256: [UInt8]
        /// The random salt and `SHA-256(salt || payload)` the log records instead of the payload.
        var payloadSalt: [UInt8]
        var payloadCommitment: [UInt8]
        /// The sender's verified signature, when it signed.
        var signature: VerifiedSignature?
        /// The payload bytes when the body was in memory; nil for a spooled body.
        var inlinePayload: [UInt8]?
    }

    /// Rules that mean the body is not usable JSON at all (400); any other broken rule is a 422.
    static let malformedRules: Set<String> = ["json-syntax", "encoding", "json-depth", "duplicate-member"]

    /// A refusal of a body the partner's decoder rejected: 400 when it is not usable at all, else 422.
    static func refusal(_ error: ValidationError, malformed: Set<String>) -> Problem {
        error.issues.contains { malformed.contains($0.rule) } ? Problem.malformed(error) : Problem.invalid(error)
    }

    /// `POST /v1/messages`: validate, check the signature, route, store durably with its log
    /// leaf, answer 202 with the message id and the gateway's signed receipt. A refusal after the
    /// sender is known is itself recorded in the log.
    func submit(_ request: Request, context: GatewayContext) async throws -> Response {
        let sender = try context.requirePartner()
        var recipient: String?
        do {
            try Self.checkContentType(request, for: sender)
            let idempotencyHeader = try Self.idempotencyKey(request)
            let body = try await receiver.receive(request)
            if sender.format == .hl7v2 {
                defer { if case .spooled(let url, _) = body { try? FileManager.default.removeItem(at: url) } }
                return try await submitER7(body, request: request, sender: sender, idempotencyHeader: idempotencyHeader) { recipient = $0 }
            }
            do {
                let decoded = try Self.decode(body, request: request, sender: sender)
                recipient = decoded.submission.recipient.value
                try await checkRouting(recipient: decoded.submission.recipient, conversationId: decoded.submission.conversationId, from: sender)
                let outcome = try await store.submit(newMessage(decoded, body: body, sender: sender, idempotencyHeader: idempotencyHeader))
                return try accepted(outcome)
            } catch {
                if case .spooled(let url, _) = body { try? FileManager.default.removeItem(at: url) }
                throw error
            }
        } catch {
            await recordRefusal(error, actor: sender.mailbox, recipient: recipient, context: context)
            throw error
        }
    }

    /// Records a refused submission as a `rejected` leaf; a refusal that cannot be recorded is
    /// logged and does not change the answer.
    func recordRefusal(_ error: any Error, actor: MailboxID, recipient: String?, messageID: MessageID? = nil, context: GatewayContext) async {
        let problem = ProblemMiddleware.problem(for: error, context: context)
        guard problem.status.code < 500 else { return }
        do {
            _ = try await store.recordRejection(
                Rejection(
                    actor: actor, recipient: recipient, messageID: messageID, time: clock.now(),
                    reason: "\(problem.status.code) \(problem.name): \(problem.detail)"
                )
            )
        } catch {
            logger.error("could not record a refusal in the log", metadata: ["error": "\(error)"])
        }
    }

    private static func decode(_ body: ReceivedBody, request: Request, sender: Partner) throws -> DecodedBody {
        switch body {
        case .memory(let buffer):
            return try buffer.withUnsafeReadableBytes { try decode($0, keepPayload: true, request: request, sender: sender) }
        case .spooled(let url, _):
            // Mapped, not read: the pages come from the file and are never copied into the heap.
            let mapped = try Data(contentsOf: url, options: .alwaysMapped)
            return try mapped.withUnsafeBytes { try decode($0, keepPayload: false, request: request, sender: sender) }
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, keepPayload: Bool, request: Request, sender: Partner) throws -> DecodedBody {
        let submission: CanonicalSubmission
        do {
            submission = try CanonicalSubmissionDecoder.decode(bytes)
        } catch {
            throw refusal(error, malformed: malformedRules)
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[submission.payloadRange])
        let signature = try SubmissionSignature.verify(
            request, payload: payload, sender: sender, recipient: submission.recipient.value,
            kind: submission.kind.rawValue, localID: submission.senderLocalId
        )
        let (salt, commitment) = PayloadCommitment.make(payload: payload)
        return DecodedBody(
            submission: submission,
            payloadSHA256: Array(SHA256.hash(data: payload)),
            requestSHA256: Array(SHA256.hash(data: bytes)),
            payloadSalt: salt,
            payloadCommitment: commitment,
            signature: signature,
            inlinePayload: keepPayload ? Array(payload) : nil
        )
    }

    /// Where the routing fields sit in a submission, for errors in the sender's own format.
    struct RoutingPaths {
        var recipient: String
        var conversation: String

        static let canonical = RoutingPaths(recipient: "/recipient", conversation: "/conversationId")
        static let er7 = RoutingPaths(recipient: "MSH-6", conversation: "MSA-2")
    }

    /// Rules that need the registry or the store: the recipient exists, and a reply answers a
    /// message the sender can see.
    func checkRouting(
        recipient: MailboxID, conversationId: MessageID?, from sender: Partner, paths: RoutingPaths = .canonical
    ) async throws {
        var issues: [ValidationIssue] = []
        if recipient == sender.mailbox {
            issues.append(ValidationIssue(path: paths.recipient, rule: "recipient-self", hint: "send to another partner's mailbox, not your own"))
        } else if try await directory.partner(recipient) == nil {
            issues.append(
                ValidationIssue(
                    path: paths.recipient,
                    rule: "unknown-recipient",
                    hint: "no partner has the mailbox \"\(recipient)\"; send a registered mailbox id (the gateway operator lists them with 'handover partner list')"
                )
            )
        }
        if let conversation = conversationId,
            try await store.message(conversation, visibleTo: sender.mailbox) == nil
        {
            issues.append(
                ValidationIssue(
                    path: paths.conversation,
                    rule: "unknown-conversation",
                    hint: "send the id of a message you sent or received; \(conversation) is neither"
                )
            )
        }
        if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
    }

    private func newMessage(_ decoded: DecodedBody, body: ReceivedBody, sender: Partner, idempotencyHeader: String?) -> NewMessage {
        let submission = decoded.submission
        let now = clock.now()
        let payload: PayloadLocation
        switch body {
        case .memory: payload = .inline(decoded.inlinePayload ?? [])
        case .spooled(let url, _):
            payload = .file(url, offset: submission.payloadRange.lowerBound, length: submission.payloadRange.count)
        }
        let subjectJSON = submission.subject.map(CanonicalPersonCodec.json)
        return NewMessage(
            envelope: MessageEnvelope(
                id: MessageID(),
                sender: sender.mailbox,
                recipient: submission.recipient,
                kind: submission.kind,
                conversationId: submission.conversationId,
                subject: submission.subject,
                purpose: submission.purpose,
                createdAt: now,
                senderLocalId: submission.senderLocalId
            ),
            subjectJSON: subjectJSON,
            payload: payload,
            payloadSHA256: decoded.payloadSHA256,
            idempotencyKey: idempotencyHeader ?? submission.senderLocalId,
            requestSHA256: decoded.requestSHA256,
            expiresAt: now.addingTimeInterval(configuration.retention.expirySeconds),
            payloadSalt: decoded.payloadSalt,
            payloadCommitment: decoded.payloadCommitment,
            signature: decoded.signature?.compact
        )
    }

    func accepted(_ outcome: SubmitOutcome) throws -> Response {
        let record = outcome.record
        var headers = HTTPFields()
        headers[.location] = "/v1/outbox/\(record.envelope.id)"
        switch outcome {
        case .accepted:
            metrics.accepted(kind: record.envelope.kind.rawValue)
        case .duplicate:
            metrics.duplicate()
            if let name = HTTPField.Name("Idempotent-Replayed") { headers[name] = "true" }
        }
        let receipt = try ledger.receipt(for: record.envelope.id, leaf: outcome.submittedLeaf, acceptedAt: record.envelope.createdAt)
        return Self.jsonResponse(MessageStatusJSON.encode(record, receipt: receipt), status: .accepted, headers: headers)
    }

    /// Media types an HL7 v2 partner may post its ER7 messages as.
    static let er7MediaTypes: Set<String> = ["x-application/hl7-v2+er7", "application/hl7-v2"]

    private static func checkContentType(_ request: Request, for sender: Partner) throws {
        let type = request.headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        switch sender.format {
        case .handoverJSON:
            guard type == "application/json" else {
                throw Problem(
                    .unsupportedMediaType,
                    "unsupported-media-type",
                    title: "The body must be JSON",
                    detail: "Content-Type was \(type ?? "absent")",
                    path: "Content-Type", rule: "media-type", hint: "send Content-Type: application/json"
                )
            }
        case .hl7v2:
            guard let type, er7MediaTypes.contains(type) else {
                throw Problem(
                    .unsupportedMediaType,
                    "unsupported-media-type",
                    title: "The body must be an HL7 v2 message in ER7",
                    detail: "\(sender.mailbox) is registered for hl7v2; Content-Type was \(type ?? "absent")",
                    path: "Content-Type", rule: "media-type", hint: "send Content-Type: x-application/hl7-v2+er7"
                )
            }
        default:
            throw Problem(
                .unsupportedMediaType,
                "format-not-supported",
                title: "This partner's format is not accepted yet",
                detail: "\(sender.mailbox) is registered for \(sender.format.rawValue); this gateway accepts handover-json and hl7v2 submissions",
                path: "Content-Type", rule: "partner-format", hint: "register the partner with format handover-json or hl7v2"
            )
        }
    }

    /// The `Idempotency-Key` header, if sent: 1 to 128 visible ASCII characters.
    private static func idempotencyKey(_ request: Request) throws -> String? {
        guard let name = HTTPField.Name("Idempotency-Key"), let key = request.headers[name] else { return nil }
        guard (1...128).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem(
                .badRequest,
                "invalid-header",
                title: "The Idempotency-Key header is malformed",
                detail: "the key must be 1 to 128 visible ASCII characters",
                path: "Idempotency-Key", rule: "idempotency-key-format", hint: "send a UUID or your own reference, 1 to 128 visible ASCII characters"
            )
        }
        return key
    }
}
