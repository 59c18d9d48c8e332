public import HandoverModel

/// Encodes a canonical submission as a prison healthcare HL7 v2.4 message (the inverse of
/// `PrisonHealthcareDecoder`), producing what hl7apy accepts in strict validation.
///
/// The kind chooses the message: `referral` is REF^I12, `continuity-of-care-transfer` is ADT^A03
/// for trigger `prison-release` (or none) and ADT^A02 for `prison-transfer`, `acknowledgement` is
/// ACK. The MSH facts come from `header`; MSH-10 is `header.controlId`. Everything in the
/// submission that HL7 v2 has no place for (a purpose other than the one the message type
/// implies, a `senderLocalId` other than the control id, payload members outside the mapping) is
/// listed in `dropped`; nothing is dropped silently.
public enum PrisonHealthcareEncoder {
    /// The ER7 bytes and what could not be carried.
    public struct Output: Sendable, Hashable {
        /// The message, segments ended by CR.
        public var bytes: [UInt8]
        /// What the submission held that the message does not carry.
        public var dropped: [DroppedField]
    }

    /// Encodes `submission` with the MSH facts in `header`.
    /// - Throws: `ValidationError` with JSON Pointers into the submission (`/payload/referralType`).
    public static func encode(_ submission: TranslatedSubmission, header: HL7Header) throws(ValidationError) -> Output {
        let root = JSONValue.object(try JSONParser.payloadMembers(submission.payload))
        var payload = CanonicalPayloadReader(root)
        var issues: [ValidationIssue] = []
        var dropped: [DroppedField] = []

        let event: PrisonHealthcareEvent?
        switch submission.kind {
        case .referral: event = .referral
        case .acknowledgement: event = .acknowledgement
        case .continuityOfCareTransfer:
            switch payload.string("/trigger") {
            case nil, "prison-release": event = .release
            case "prison-transfer": event = .transfer
            default:
                event = nil
                issues.append(ValidationIssue(path: "/payload/trigger", rule: "hl7-unsupported-value", hint: "HL7 v2 prison messages carry only the prison-release and prison-transfer triggers"))
            }
        default:
            event = nil
            issues.append(ValidationIssue(path: "/kind", rule: "hl7-unsupported-kind", hint: "HL7 v2 prison healthcare partners take referral, continuity-of-care-transfer and acknowledgement messages only"))
        }
        guard let event else { throw ValidationError(issues) }

        var msh = ER7SegmentWriter("MSH")
        msh[1] = "|"
        msh[2] = "^~\\&"
        msh[3] = .text(header.sendingApplication)
        msh[4] = .components([header.sendingFacility.code, header.sendingFacility.name, "L"])
        msh[5] = .text(header.receivingApplication)
        msh[6] = .components([header.receivingFacility.code, header.receivingFacility.name, "L"])
        msh[7] = .text(header.sentAt.er7)
        let trigger = event == .acknowledgement ? header.acknowledgedEvent ?? "" : event.triggerEvent ?? ""
        msh[9] = .components([event.messageCode, trigger, event.structure])
        msh[10] = .text(header.controlId)
        msh[11] = .text(header.processingId)
        msh[12] = "2.4"
        if event != .acknowledgement {
            msh[15] = "AL"
            msh[16] = "NE"
            msh[17] = "GBR"
        }
        if let local = submission.senderLocalId, local != header.controlId {
            dropped.append(DroppedField(location: "/senderLocalId", reason: "MSH-10 carries the control id the gateway assigned"))
        }
        if let purpose = submission.purpose, purpose != event.purpose {
            dropped.append(DroppedField(location: "/purpose", reason: "HL7 v2 has no purpose field; the message type implies \(event.purpose?.rawValue ?? "none")"))
        }

        var segments = [msh]
        switch event {
        case .acknowledgement:
            guard let inReplyTo = submission.inReplyTo ?? submission.conversationId?.value else {
                issues.append(ValidationIssue(path: "/conversationId", rule: "required", hint: "an acknowledgement quotes the message it answers: send conversationId"))
                break
            }
            segments += PrisonHealthcareAcknowledgement.encode(&payload, inReplyTo: inReplyTo)
        case .referral, .release, .transfer:
            guard let subject = submission.subject else {
                issues.append(ValidationIssue(path: "/subject", rule: "required", hint: "a \(submission.kind.rawValue) is about a person: send the subject"))
                break
            }
            let pid = PrisonHealthcarePerson.encode(subject, &payload)
            let (before, after) = event == .referral
                ? PrisonHealthcareReferral.encode(&payload, header: header)
                : PrisonHealthcareTransfer.encode(&payload, event: event)
            segments += before + [pid] + after
        }
        issues += payload.issues
        guard issues.isEmpty else { throw ValidationError(issues) }
        dropped += payload.dropped(prefix: "/payload")
        return Output(bytes: ER7SegmentWriter.encode(segments), dropped: dropped)
    }
}
