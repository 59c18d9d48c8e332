public import HandoverModel

/// Encodes a canonical message as an HMPPS domain event with its care-exchange block (the inverse
/// of `HMPPSEventDecoder`), producing what `contracts/formats/hmpps-json/hmpps-event.schema.json`
/// accepts.
///
/// The kind chooses the event: `referral` is `prisoner.received`, `continuity-of-care-transfer`
/// is `prisoner.released` (trigger `prison-release`, or none, or `prison-transfer`), an
/// `acknowledgement` is `care-exchange.acknowledgement`. `careExchange.messageId` is the gateway's
/// message id, so a reply can quote it as `correlationId`; `occurredAt` is the payload's
/// `occurredAt` when it has an offset, else the gateway's acceptance time. Everything the event
/// has no place for (local ids other than PNC and CRO, payload members outside the mapping, a
/// `senderLocalId` other than the message id) is listed in `dropped`; nothing is dropped silently.
public enum HMPPSEventEncoder {
    /// The event bytes and what could not be carried.
    public struct Output: Sendable, Hashable {
        /// The event as compact JSON.
        public var bytes: [UInt8]
        /// What the message held that the event does not carry, by JSON Pointer into the message.
        public var dropped: [DroppedField]
    }

    private static let referral = HMPPSShape.object(HMPPSReferral.members)
    private static let transferWithoutTrigger = HMPPSShape.object(HMPPSTransfer.members.filter { $0.canonical != "trigger" })
    private static let acknowledgementWithoutRequired = HMPPSShape.object(HMPPSAcknowledgement.members.map { HMPPSMember($0.partner, $0.shape) })
    private static let subjectDetails = HMPPSShape.object(HMPPSPayload.subjectDetails)
    private static let notes = HMPPSShape.list(.long, maxItems: HMPPSLimits.standard.maxItems)

    /// Encodes `message`.
    /// - Throws: `ValidationError` with JSON Pointers into the canonical message (`/payload/trigger`).
    public static func encode(_ message: OutboundMessage) throws(ValidationError) -> Output {
        let envelope = message.envelope
        let members = try JSONParser.payloadMembers(message.payload)
        let root = JSONValue.object(members)
        guard let event = HMPPSEventType(kind: envelope.kind) else {
            throw ValidationError(path: "/kind", rule: "hmpps-unsupported-kind", hint: "hmpps-json partners take referral, continuity-of-care-transfer and acknowledgement messages only")
        }
        let payload = HMPPSObject(members: members)
        var reader = HMPPSValueReader(side: .canonical, prefix: "/payload", maxItems: HMPPSLimits.standard.maxItems)
        var dropped: [DroppedField] = []
        let reason = movementReason(event, payload, &reader)

        let occurredAt = reader.string(payload["occurredAt"], .instant, at: "/occurredAt") ?? Timestamp.format(envelope.createdAt)
        var top: [(String, JSONValue?)] = [
            ("eventType", .string(event.rawValue)),
            ("version", .number("1")),
            ("description", .string(event.standardDescription)),
            ("occurredAt", .string(occurredAt)),
        ]
        var care: [(String, JSONValue?)] = [
            ("messageId", .string(envelope.id.value)),
            ("correlationId", envelope.conversationId.map { .string($0.value) }),
            ("kind", .string(event.kind.rawValue)),
        ]
        if event.carriesPerson {
            care.append(("purpose", envelope.purpose.map { .string($0.rawValue) }))
        } else if envelope.purpose != nil {
            dropped.append(DroppedField(location: "/purpose", reason: "an acknowledgement carries no personal data and so no purpose"))
        }
        if let sender = message.senderOrganisation {
            care.append(("sender", HMPPSParty(sender).json))
        } else {
            reader.report(ValidationError(path: "/sender", rule: "required", hint: "the sender has no registered organisation to name in careExchange.sender"))
        }
        care.append(("recipient", HMPPSParty(message.recipientOrganisation).json))
        if let basis = envelope.lawfulBasis {
            if event.carriesPerson {
                care.append(("legalBasis", HMPPSLegalBasis.json(basis)))
            } else {
                dropped.append(DroppedField(location: "/lawfulBasis", reason: "an acknowledgement carries no personal data and so no lawful basis"))
            }
        }

        let block: JSONValue?
        switch event {
        case .received:
            block = reader.read(root, Self.referral, at: "")
        case .released:
            // The trigger is written from the release reason, so it is not read again here.
            let read = HMPPSPayload.members(reader.read(root, Self.transferWithoutTrigger, at: ""))
            let trigger: JSONValue = .string(reason?.trigger ?? "prison-release")
            block = .object(read.members.first.map { $0.0 == "stage" ? [$0, ("trigger", trigger)] + read.members.dropFirst() : [("trigger", trigger)] + read.members } ?? [("trigger", trigger)])
        case .acknowledgement:
            // An acknowledgement without an outcome claims no more than receipt.
            let read = HMPPSPayload.members(reader.read(root, Self.acknowledgementWithoutRequired, at: ""))
            block = .object(read["outcome"] == nil ? [("outcome", .string("received"))] + read.members : read.members)
        }

        if event.carriesPerson {
            if let subject = envelope.subject {
                let parts = HMPPSPrisonerEncoder.encode(subject, event: event, reason: reason, payload, &reader, dropped: &dropped)
                top += [("personReference", parts.personReference), ("additionalInformation", parts.additionalInformation), ("prisoner", parts.prisoner)]
            } else {
                reader.report(ValidationError(path: "/subject", rule: "required", hint: "a \(envelope.kind.rawValue) is about a person: send the subject"))
            }
            let details = reader.read(payload["subjectDetails"], Self.subjectDetails, at: "/subjectDetails")
            care.append(("subjectDetails", details))
        }
        care.append(("notes", reader.read(payload["notes"], Self.notes, at: "/notes")))
        care.append((event.block, block))
        top.append(("careExchange", HMPPSPayload.object(care)))

        guard reader.issues.isEmpty else { throw ValidationError(reader.issues) }
        if let local = envelope.senderLocalId, local != envelope.id.value {
            dropped.append(DroppedField(location: "/senderLocalId", reason: "careExchange.messageId carries the gateway's message id, which replies quote"))
        }
        dropped += reader.dropped + unused(root, reader.used)
        var writer = JSONWriter(capacity: message.payload.count + 1024)
        writer.write(HMPPSPayload.object(top))
        return Output(bytes: writer.bytes, dropped: dropped)
    }

    /// The release or reception reason: the payload's `movementReason`, or for a transfer the one
    /// its trigger implies. A trigger other than a prison's, or a reason that does not fit the
    /// event or the trigger, is reported.
    private static func movementReason(_ event: HMPPSEventType, _ payload: HMPPSObject, _ reader: inout HMPPSValueReader) -> HMPPSMovementReason? {
        var trigger: String?
        if event == .released {
            trigger = reader.string(payload["trigger"], .long, at: "/trigger")
            if let found = trigger, found != "prison-release" && found != "prison-transfer" {
                reader.report("/trigger", "hmpps-unsupported-value", "HMPPS release events carry only the prison-release and prison-transfer triggers")
                return nil
            }
        }
        let allowed = event == .released ? HMPPSMovementReason.releases : HMPPSMovementReason.receptions
        guard event != .acknowledgement, let raw = reader.string(payload["movementReason"], .long, at: "/movementReason") else {
            return event == .released ? (trigger == "prison-transfer" ? .transferred : .released) : nil
        }
        guard let reason = HMPPSMovementReason(canonical: raw), allowed.contains(reason) else {
            reader.report("/movementReason", "hmpps-unsupported-value", "send one of \(allowed.map(\.canonical).joined(separator: ", ")) for this kind")
            return nil
        }
        if let trigger, trigger != reason.trigger {
            reader.report("/movementReason", "hmpps-unsupported-value", "this movement reason means trigger \(reason.trigger); send that trigger or another reason")
            return nil
        }
        return reason
    }

    /// Every scalar under the payload that no mapping read, located by JSON Pointer. One pointer
    /// buffer of bytes is extended and cut back along the walk (cutting a String by bytes is not
    /// possible where a name has combining characters), so only each scalar's pointer is built.
    private static func unused(_ root: JSONValue, _ used: Set<String>) -> [DroppedField] {
        var result: [DroppedField] = []
        var pointer: [UInt8] = []
        pointer.reserveCapacity(128)
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (name, member) in members {
                    let mark = pointer.count
                    pointer.append(UInt8(ascii: "/"))
                    pointer.append(contentsOf: JSONPointer.escape(name).utf8)
                    walk(member)
                    pointer.removeSubrange(mark...)
                }
            case .array(let items):
                for (index, item) in items.enumerated() {
                    let mark = pointer.count
                    pointer.append(UInt8(ascii: "/"))
                    pointer.append(contentsOf: String(index).utf8)
                    walk(item)
                    pointer.removeSubrange(mark...)
                }
            default:
                let here = String(decoding: pointer, as: UTF8.self)
                if !used.contains(here) { result.append(DroppedField(location: "/payload" + here, reason: "HMPPS events have no place for it")) }
            }
        }
        walk(root)
        return result
    }
}
