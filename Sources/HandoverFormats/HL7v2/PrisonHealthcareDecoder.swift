public import HandoverModel

/// Decodes a prison healthcare HL7 v2 message (REF^I12, ADT^A03, ADT^A02 or ACK) into a canonical
/// submission, reporting every broken rule at once with its ER7 location (`PID-3[1].1`).
///
/// - The recipient is the mailbox registered for the receiving facility MSH-6.1
///   (`RoutingDirectory`); MSH-5 names the gateway application and is not used for routing.
/// - `senderLocalId` is MSH-10, so a resent message with the same control id is recognised.
/// - An ACK's MSA-2 becomes `inReplyTo`, and also `conversationId` when it is a gateway message id
///   (the gateway writes its message ids in MSH-10 of what it delivers, so partners quote them).
/// - The payload is compact canonical JSON in the member order of the mapping tables; fields the
///   canonical model has no place for are listed in `dropped`.
public enum PrisonHealthcareDecoder {
    /// HL7 versions whose segments used here have the same fields as v2.4.
    public static let versions = ["2.4", "2.5", "2.5.1"]

    /// Decodes `bytes`.
    /// - Throws: `ValidationError`, from the ER7 parser or the mapping, with ER7 locations as paths.
    public static func decode(
        _ bytes: [UInt8],
        directory: RoutingDirectory,
        limits: ER7Limits = .standard
    ) throws(ValidationError) -> PrisonHealthcareMessage {
        try decode(try ER7Parser.document(bytes, limits: limits), directory: directory)
    }

    /// Decodes a parsed message, read again from its ER7 form (which gives the same values).
    public static func decode(_ message: ER7Message, directory: RoutingDirectory) throws(ValidationError) -> PrisonHealthcareMessage {
        let unlimited = ER7Limits(maxFieldBytes: .max, maxSegments: .max, maxFieldsPerSegment: .max, maxValues: .max)
        return try decode(try ER7Parser.document(ER7Encoder.encode(message), limits: unlimited), directory: directory)
    }

    static func decode(_ document: ER7Document, directory: RoutingDirectory) throws(ValidationError) -> PrisonHealthcareMessage {
        var reader = ER7FieldReader(document)
        let msh = { (field: Int) in ER7Location("MSH", field: field) }
        for field in [1, 2, 15, 16] { reader.markUsed(msh(field)) }
        reader.expect(msh(17), "GBR")

        let code = reader.text(msh(9).at(component: 1)) ?? ""
        let trigger = reader.text(msh(9).at(component: 2)) ?? ""
        let event = PrisonHealthcareEvent(code: code.uppercased(), trigger: trigger.uppercased())
        if let event {
            if let structure = reader.text(msh(9).at(component: 3)), structure.uppercased() != event.structure {
                reader.report(msh(9).at(component: 3), "hl7-message-type", "send the message structure \(event.structure) in MSH-9.3, or leave it empty")
            }
        } else {
            reader.report(msh(9), "hl7-message-type", "send one of REF^I12^REF_I12, ADT^A03^ADT_A03, ADT^A02^ADT_A02 or ACK in MSH-9")
        }
        let sendingFacility = HL7Facility(code: reader.text(msh(4).at(component: 1)) ?? "", name: reader.text(msh(4).at(component: 2)) ?? "")
        if sendingFacility.code.isEmpty {
            reader.report(msh(4).at(component: 1), "required", "send the sending facility code in MSH-4.1, e.g. LEI^HMP LEEDS HEALTHCARE^L")
        }
        let receivingFacility = HL7Facility(code: reader.text(msh(6).at(component: 1)) ?? "", name: reader.text(msh(6).at(component: 2)) ?? "")
        var recipient: MailboxID?
        if receivingFacility.code.isEmpty {
            reader.report(msh(6).at(component: 1), "required", "send the receiving facility code in MSH-6.1, e.g. E06000035^LEEDS CITY COUNCIL ASC^L")
        } else {
            recipient = directory.mailbox(for: receivingFacility.code)
            if recipient == nil {
                reader.report(msh(6).at(component: 1), "hl7-recipient-unknown", "no partner on the gateway is registered for this receiving facility; send the GSS, ODS or agency code of a registered partner")
            }
        }
        let sentAt = reader.timestamp(msh(7))
        if reader.text(msh(7)) == nil {
            reader.report(msh(7), "required", "send when the message was created in MSH-7, e.g. 20250303101500")
        }
        let controlId = reader.text(msh(10))
        if controlId == nil {
            reader.report(msh(10), "required", "send a message control id in MSH-10, unique for the sending system")
        } else if let controlId, controlId.utf8.count > 128 {
            reader.report(msh(10), "max-length", "send a control id of at most 128 bytes")
        }
        let processingId = reader.text(msh(11).at(component: 1)) ?? ""
        if !["P", "T", "D"].contains(processingId) {
            reader.report(msh(11).at(component: 1), "hl7-code", "send the processing id in MSH-11 as P (production), T (training) or D (debugging)")
        }
        let version = reader.text(msh(12).at(component: 1)) ?? ""
        if !versions.contains(version) {
            reader.report(msh(12).at(component: 1), "hl7-version", "send HL7 version 2.4 in MSH-12 (2.5 and 2.5.1 are also read)")
        }
        if let characterSet = reader.text(msh(18)), !["ASCII", "UNICODE UTF-8"].contains(characterSet.uppercased()) {
            reader.report(msh(18), "er7-character-set", "send the message in UTF-8 with MSH-18 empty or UNICODE UTF-8")
        }

        var members: [(String, JSONValue?)] = []
        var subject: Person?
        var inReplyTo: String?
        switch event {
        case .referral?, .release?, .transfer?:
            let (person, details) = PrisonHealthcarePerson.decode(&reader)
            subject = person
            members = event == .referral ? PrisonHealthcareReferral.decode(&reader) : PrisonHealthcareTransfer.decode(&reader, event: event ?? .release)
            members.append(("subjectDetails", details))
        case .acknowledgement?:
            (members, inReplyTo) = PrisonHealthcareAcknowledgement.decode(&reader)
        case nil:
            break
        }
        guard reader.issues.isEmpty, let event, let recipient, let sentAt, let controlId else {
            throw ValidationError(reader.issues)
        }
        let header = HL7Header(
            sendingApplication: reader.text(msh(3).at(component: 1)) ?? "",
            sendingFacility: sendingFacility,
            receivingApplication: reader.text(msh(5).at(component: 1)) ?? "",
            receivingFacility: receivingFacility,
            sentAt: sentAt,
            controlId: controlId,
            processingId: processingId,
            acknowledgedEvent: event == .acknowledgement && !trigger.isEmpty ? trigger : nil
        )
        var writer = JSONWriter()
        writer.write(PrisonHealthcareValues.object(members) ?? .object([]))
        let submission = TranslatedSubmission(
            recipient: recipient,
            kind: event.kind,
            conversationId: inReplyTo.flatMap { try? MessageID(validating: $0) },
            inReplyTo: inReplyTo,
            subject: subject,
            purpose: event.purpose,
            senderLocalId: controlId,
            payload: writer.bytes,
            dropped: reader.dropped()
        )
        return PrisonHealthcareMessage(header: header, submission: submission)
    }
}
