/// The `careExchange.transfer` block of a `prisoner.released` event and the canonical
/// continuity-of-care transfer payload. Its members have their canonical names and shapes
/// (payloads.md); the custody facts come from the envelope (`HMPPSCustody`).
///
/// The trigger is the release reason's: `RELEASED` and `RELEASED_TO_HOSPITAL` are
/// `prison-release`, `TRANSFERRED` is `prison-transfer`; a `trigger` in the block must agree. A
/// block without `stage` is at `information-pack`: the prison (or the council where it is) passes
/// on what the receiving council needs, as an HL7 v2 discharge does.
enum HMPPSTransfer {
    static let impliedStage = "information-pack"
    static let stages = ["intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed"]
    static let members: [HMPPSMember] = [
        HMPPSMember("stage", .oneOf(stages)),
        HMPPSMember("trigger", .oneOf(["prison-release", "prison-transfer"])),
        HMPPSMember("firstAuthority", .organisation),
        HMPPSMember("secondAuthority", .organisation),
        HMPPSMember("intendedMoveDate", .date),
        HMPPSMember("newAddress", .address),
        HMPPSMember("carePlanAttached", .boolean),
        HMPPSMember("weeklyPersonalBudgetPence", .pence),
        HMPPSMember("destinationPrisonId", .agency),
        HMPPSMember("destinationLocation", .short),
        HMPPSMember("releaseType", .short),
        HMPPSMember("careNeedsInCustody", .long),
        HMPPSMember("consent", .long),
        HMPPSMember("dischargeDisposition", .text(64)),
        HMPPSMember("recordedAt", .instant),
        HMPPSMember("plannedAt", .instant),
        HMPPSMember("recordedBy", .name),
        HMPPSMember("observations", .list(.object([
            HMPPSMember("code", .text(64)), HMPPSMember("display", .short), HMPPSMember("value", .long, required: true),
        ]), maxItems: 100)),
        HMPPSMember("nextOfKin", .list(.object([
            HMPPSMember("name", .name),
            HMPPSMember("relationship", .object([HMPPSMember("code", .text(64)), HMPPSMember("display", .short)])),
            HMPPSMember("address", .address),
            HMPPSMember("phone", .text(64)),
        ]), maxItems: 10)),
    ]

    static let shape = HMPPSShape.object(members)

    /// The block's members by canonical name, stage and trigger filled in; a trigger that
    /// disagrees with the release reason is reported.
    static func decode(_ block: JSONValue?, reason: HMPPSMovementReason?, _ reader: inout HMPPSValueReader) -> [(String, JSONValue?)] {
        let read = reader.read(block, shape, at: "/careExchange/transfer")
        return HMPPSPayload.canonical(read, members).map { name, value in
            switch name {
            case "stage": return (name, value ?? .string(impliedStage))
            case "trigger":
                guard let reason else { return (name, value) }
                if let value, value != .string(reason.trigger) {
                    reader.report("/careExchange/transfer/trigger", "hmpps-conflict", "the release reason in /additionalInformation/reason makes this \(reason.trigger); send that trigger or leave it out")
                }
                return (name, .string(reason.trigger))
            default: return (name, value)
            }
        }
    }
}
