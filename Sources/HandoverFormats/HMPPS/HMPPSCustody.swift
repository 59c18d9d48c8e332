import HandoverModel

/// The custody facts of a reception or release event (`additionalInformation` and the
/// prisoner-search `prisoner` block) and the canonical payload members they fill, both ways.
///
/// | payload | HMPPS event |
/// |---|---|
/// | `prisonId` | `additionalInformation.prisonId` (or `prisoner.prisonId`; `OUT` and `TRN` there are statuses, not prisons) |
/// | `location` | `prisoner.prisonName` |
/// | `bookingId` | `prisoner.bookingId` (`HMPPSSubject`) |
/// | `receptionDate`, `releaseDate` | `prisoner.receptionDate`, `prisoner.releaseDate` |
/// | `personalCareNeeds[]` (referral) | `prisoner.personalCareNeeds[]`: `problemCode` code, `problemType` category, `problemDescription` description, `commentText` comment, `problemStatus` status, `startDate` recordedOn, `endDate` endedOn |
/// | `movementReason` | `additionalInformation.reason`, kebab-case (`NEW_ADMISSION` is `new-admission`) |
///
/// `bookNumber`, `status`, `inOutStatus`, `legalStatus`, `confirmedReleaseDate` and
/// `conditionalReleaseDate` are checked and listed as dropped: the canonical model has no place
/// for them.
enum HMPPSCustody {
    static let prisonerMembers = [
        "prisonerNumber", "bookingId", "bookNumber", "pncNumber", "croNumber", "firstName", "middleNames", "lastName", "dateOfBirth",
        "gender", "status", "inOutStatus", "prisonId", "prisonName", "legalStatus", "receptionDate", "releaseDate",
        "confirmedReleaseDate", "conditionalReleaseDate", "personalCareNeeds",
    ]
    static let legalStatuses = [
        "RECALL", "DEAD", "INDETERMINATE_SENTENCE", "SENTENCED", "CONVICTED_UNSENTENCED", "CIVIL_PRISONER", "IMMIGRATION_DETAINEE", "REMAND", "UNKNOWN", "OTHER",
    ]
    /// Prisoner-search members the canonical model has no place for, checked and listed as dropped.
    static let droppedMembers: [(String, HMPPSShape)] = [
        ("bookNumber", .text(64)), ("status", .text(64)), ("inOutStatus", .oneOf(["IN", "OUT", "TRN"])), ("legalStatus", .oneOf(legalStatuses)),
        ("confirmedReleaseDate", .date), ("conditionalReleaseDate", .date),
    ]
    /// Prisoner-search `prisonId` values that are a status rather than a prison.
    static let statusPrisonIds = ["OUT", "TRN"]

    static let careNeed = HMPPSShape.list(
        .object([
            HMPPSMember("problemCode", as: "code", .text(64), required: true),
            HMPPSMember("problemType", as: "category", .text(64), required: true),
            HMPPSMember("problemDescription", as: "description", .long),
            HMPPSMember("commentText", as: "comment", .long),
            HMPPSMember("problemStatus", as: "status", .text(64)),
            HMPPSMember("startDate", as: "recordedOn", .date),
            HMPPSMember("endDate", as: "endedOn", .date),
        ]),
        maxItems: 100
    )

    /// The payload members (in the order of the table above), and for a release the movement
    /// reason that decides the trigger.
    static func decode(
        additional: HMPPSObject?, prisoner: HMPPSObject?, bookingId: String?, event: HMPPSEventType, _ reader: inout HMPPSValueReader
    ) -> (members: [(String, JSONValue?)], reason: HMPPSMovementReason?) {
        let allowed = event == .released ? HMPPSMovementReason.releases : HMPPSMovementReason.receptions
        var reason: HMPPSMovementReason?
        if let raw = reader.string(additional?["reason"], .text(64), at: "/additionalInformation/reason") {
            reason = HMPPSMovementReason(rawValue: raw).flatMap { allowed.contains($0) ? $0 : nil }
            if reason == nil {
                let hint = event == .released
                    ? "send RELEASED, RELEASED_TO_HOSPITAL or TRANSFERRED; a temporary absence or a court appearance is not a move between areas"
                    : "send one of \(allowed.map(\.rawValue).joined(separator: ", "))"
                reader.report("/additionalInformation/reason", "hmpps-reason", hint)
            }
        } else if event == .released && additional?["reason"] == nil {
            reader.report("/additionalInformation/reason", "required", "send why the person left: RELEASED, RELEASED_TO_HOSPITAL or TRANSFERRED")
        }
        var prisonId = reader.string(additional?["prisonId"], .agency, at: "/additionalInformation/prisonId")
        if let id = prisonId, statusPrisonIds.contains(id) {
            reader.report("/additionalInformation/prisonId", "prison-agency-format", "send the agency id of the prison itself; OUT and TRN are statuses")
            prisonId = nil
        }
        if let own = reader.string(prisoner?["prisonId"], .agency, at: "/prisoner/prisonId"), !statusPrisonIds.contains(own) {
            if let prisonId, prisonId != own {
                reader.report("/prisoner/prisonId", "hmpps-conflict", "this member names a different prison from /additionalInformation/prisonId; send the same one in both, or one of them")
            }
            prisonId = prisonId ?? own
        }
        let location = reader.string(prisoner?["prisonName"], at: "/prisoner/prisonName")
        let reception = reader.read(prisoner?["receptionDate"], .date, at: "/prisoner/receptionDate")
        var release = reader.read(prisoner?["releaseDate"], .date, at: "/prisoner/releaseDate")
        if event == .received && release != nil {
            reader.drop("/prisoner/releaseDate", "a canonical referral has no release date")
            release = nil
        }
        for (member, shape) in droppedMembers where reader.read(prisoner?[member], shape, at: "/prisoner/" + member) != nil {
            reader.drop("/prisoner/" + member, "the canonical model has no place for it")
        }
        var needs: JSONValue?
        if event == .received {
            needs = reader.read(prisoner?["personalCareNeeds"], careNeed, at: "/prisoner/personalCareNeeds")
        } else if reader.read(prisoner?["personalCareNeeds"], careNeed, at: "/prisoner/personalCareNeeds") != nil {
            reader.drop("/prisoner/personalCareNeeds", "a canonical continuity-of-care transfer carries the needs met in custody as careNeedsInCustody")
        }
        let members: [(String, JSONValue?)] = [
            ("prisonId", prisonId.map(JSONValue.string)),
            ("location", location.map(JSONValue.string)),
            ("bookingId", bookingId.map(JSONValue.string)),
            ("receptionDate", reception),
            ("releaseDate", release),
            ("personalCareNeeds", needs),
            ("movementReason", reason.map { .string($0.canonical) }),
        ]
        return (members, reason)
    }
}
