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
            let mediaType = try Self.checkContentType(request, for: sender, codec: PartnerCodecs.codec(for: sender.format))
            let idempotencyHeader = try Self.idempotencyKey(request)
            let body = try await receiver.receive(request)
            let outcomes = try await intake(
                body, mediaType: mediaType, sender: sender, signature: SubmissionSignature.compact(in: request),
                idempotencyKey: idempotencyHeader
            ) { recipient = $0 }
            return try acceptedResponse(outcomes)
        } catch {
            await recordRefusal(error, actor: sender.mailbox, recipient: recipient, context: context)
            throw error
        }
    }

    /// The intake every API shares (native and MESH): decode the body in the sender's format,
    /// validate, route, check the signature, and store each message durably with its log leaf.
    /// A spooled body's file is taken over by the store or removed.
    /// - Parameters:
    ///   - mediaType: the body's media type, already checked against the sender's format.
    ///   - signature: the sender's compact detached JWS, if it signed.
    ///   - idempotencyKey: what makes a resend the same submission, when the API carries one.
    ///   - named: called with the recipient as soon as it is known, for the log of a refusal.
    /// - Throws: a `Problem` naming every broken rule, located in the sender's format.
    func intake(
        _ body: ReceivedBody, mediaType: String, sender: Partner, signature: String?, idempotencyKey: String?,
        named: (String) -> Void
    ) async throws -> [SubmitOutcome] {
        if let codec = PartnerCodecs.codec(for: sender.format) {
            defer { if case .spooled(let url, _) = body { try? FileManager.default.removeItem(at: url) } }
            return try await submitTranslated(
                try body.bytes(), mediaType: mediaType, codec: codec, sender: sender, signature: signature,
                idempotencyKey: idempotencyKey, named: named
            )
        }
        do {
            let decoded = try Self.decode(body, signature: signature, sender: sender)
            named(decoded.submission.recipient.value)
            try await checkRouting(recipient: decoded.submission.recipient, conversationId: decoded.submission.conversationId, from: sender)
            var message = newMessage(decoded, body: body, sender: sender, idempotencyHeader: idempotencyKey)
            let issues = try await applyPolicy(to: &message, sender: sender)
            if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
            return [try await store.submit(message)]
        } catch {
            if case .spooled(let url, _) = body { try? FileManager.default.removeItem(at: url) }
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

    private static func decode(_ body: ReceivedBody, signature: String?, sender: Partner) throws -> DecodedBody {
        switch body {
        case .memory(let buffer):
            return try buffer.withUnsafeReadableBytes { try decode($0, keepPayload: true, signature: signature, sender: sender) }
        case .spooled(let url, _):
            // Mapped, not read: the pages come from the file and are never copied into the heap.
            let mapped = try Data(contentsOf: url, options: .alwaysMapped)
            return try mapped.withUnsafeBytes { try decode($0, keepPayload: false, signature: signature, sender: sender) }
        }
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, keepPayload: Bool, signature compact: String?, sender: Partner) throws -> DecodedBody {
        let submission: CanonicalSubmission
        do {
            submission = try CanonicalSubmissionDecoder.decode(bytes)
        } catch {
            throw refusal(error, malformed: malformedRules)
        }
        let payload = UnsafeRawBufferPointer(rebasing: bytes[submission.payloadRange])
        let signature = try SubmissionSignature.verify(
            compact, payload: payload, sender: sender, recipient: submission.recipient.value,
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

    /// Rules that need the registry or the store: the recipient exists, and a reply answers a
    /// message the sender can see.
    func checkRouting(recipient: MailboxID, conversationId: MessageID?, from sender: Partner) async throws {
        let issues = try await routingIssues(recipient: recipient, conversationId: conversationId, from: sender, locations: .canonical)
        if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
    }

    /// The routing rules a submission breaks, located where the sender's format names the fields.
    func routingIssues(
        recipient: MailboxID, conversationId: MessageID?, from sender: Partner, locations paths: SubmissionLocations
    ) async throws -> [ValidationIssue] {
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
        return issues
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
                senderLocalId: submission.senderLocalId,
                lawfulBasis: submission.lawfulBasis
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
        metricsFor(outcome)
        if case .duplicate = outcome, let name = HTTPField.Name("Idempotent-Replayed") { headers[name] = "true" }
        let receipt = try ledger.receipt(for: record.envelope.id, leaf: outcome.submittedLeaf, acceptedAt: record.envelope.createdAt)
        return Self.jsonResponse(MessageStatusJSON.encode(record, receipt: receipt), status: .accepted, headers: headers)
    }

    /// Counts an accepted or replayed submission.
    func metricsFor(_ outcome: SubmitOutcome) {
        switch outcome {
        case .accepted(let record, _): metrics.accepted(kind: record.envelope.kind.rawValue)
        case .duplicate: metrics.duplicate()
        }
    }

    /// The body's media type (lower case, without parameters), checked against the sender's format.
    private static func checkContentType(_ request: Request, for sender: Partner, codec: (any PartnerCodec)?) throws -> String {
        let type = request.headers[.contentType].map { MediaType.essence($0[...]) }
        let accepted = codec?.acceptedMediaTypes ?? ["application/json"]
        guard let type, accepted.contains(type) else {
            let expected = codec?.mediaType ?? "application/json"
            throw Problem(
                .unsupportedMediaType,
                "unsupported-media-type",
                title: "The body is not in this partner's format",
                detail: "\(sender.mailbox) is registered for \(sender.format.rawValue); Content-Type was \(type ?? "absent")",
                path: "Content-Type", rule: "media-type",
                hint: "send Content-Type: \(expected)" + (accepted.count > 1 ? " (also accepted: \(accepted.sorted().filter { $0 != expected }.joined(separator: ", ")))" : "")
            )
        }
        return type
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
