/// The ACK content (MSA) and the canonical acknowledgement payload, both ways.
///
/// | payload | ER7 |
/// |---|---|
/// | `outcome` | MSA-1: `AA` accepted, `AE` error, `AR` rejected (the canonical `received` is sent as `AA`) |
/// | `note` | MSA-3 |
///
/// MSA-2, the control id of the message acknowledged, is not payload: it is the submission's
/// `inReplyTo` (and its `conversationId` when it is a gateway message id).
enum PrisonHealthcareAcknowledgement {
    static func decode(_ reader: inout ER7FieldReader) -> (members: [(String, JSONValue?)], inReplyTo: String?) {
        guard reader.has("MSA") else {
            reader.report(ER7Location("MSA"), "hl7-segment-required", "send an MSA segment with the acknowledgement code and the acknowledged control id")
            return ([], nil)
        }
        let codeAt = ER7Location("MSA", field: 1)
        var outcome: JSONValue?
        if let code = reader.text(codeAt) {
            if let row = PrisonHealthcareCodes.byCode(code, in: PrisonHealthcareCodes.acknowledgements) {
                outcome = .string(row.canonical)
            } else {
                reader.report(codeAt, "hl7-code", "send MSA-1 as AA, AE or AR (original-mode acknowledgement)")
            }
        } else {
            reader.report(codeAt, "required", "send the acknowledgement code in MSA-1: AA, AE or AR")
        }
        let inReplyTo = reader.text(ER7Location("MSA", field: 2))
        if inReplyTo == nil {
            reader.report(ER7Location("MSA", field: 2), "required", "send the control id (MSH-10) of the message acknowledged in MSA-2")
        }
        let note = reader.text(ER7Location("MSA", field: 3))
        return ([("outcome", outcome), ("note", PrisonHealthcareValues.text(note))], inReplyTo)
    }

    static func encode(_ payload: inout CanonicalPayloadReader, inReplyTo: String) -> [ER7SegmentWriter] {
        var msa = ER7SegmentWriter("MSA")
        let outcome = payload.string("/outcome") ?? "accepted"
        let row = outcome == "received" ? PrisonHealthcareCodes.acknowledgements.first : PrisonHealthcareCodes.byCanonical(outcome, in: PrisonHealthcareCodes.acknowledgements)
        if row == nil {
            payload.report("/outcome", "hl7-unsupported-value", "send the outcome as accepted, error or rejected (or received, sent as accepted)")
        }
        msa[1] = .text(row?.code ?? "")
        msa[2] = .text(inReplyTo)
        msa[3] = .text(payload.string("/note") ?? "")
        return [msa]
    }
}
