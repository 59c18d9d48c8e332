/// The `additionalInformation.reason` of a reception or release event, and its canonical form
/// (`payload.movementReason`, kebab-case).
///
/// Temporary absences and court appearances (`TEMPORARY_ABSENCE_RELEASE`, `SENT_TO_COURT`) are
/// not releases: the person comes back, no council's duties move, so they are refused as a
/// continuity-of-care transfer. Every reception reason is an arrival: a person transferred in
/// from another prison is as new to the council where this prison is as a new admission.
public enum HMPPSMovementReason: String, Sendable, Hashable, CaseIterable {
    /// A first reception on a new booking.
    case newAdmission = "NEW_ADMISSION"
    /// A reception on a reopened booking.
    case readmission = "READMISSION"
    /// A reception that switched to an earlier booking.
    case readmissionSwitchBooking = "READMISSION_SWITCH_BOOKING"
    /// A reception after two prisoner records were merged.
    case postMergeAdmission = "POST_MERGE_ADMISSION"
    /// A return from a temporary absence.
    case temporaryAbsenceReturn = "TEMPORARY_ABSENCE_RETURN"
    /// A return from court.
    case returnFromCourt = "RETURN_FROM_COURT"
    /// A transfer between prisons: a reception at the new one, a release from the old one.
    case transferred = "TRANSFERRED"
    /// A release into the community.
    case released = "RELEASED"
    /// A release to a hospital (a restricted patient).
    case releasedToHospital = "RELEASED_TO_HOSPITAL"

    /// The reasons a `prisoner.received` event may give.
    public static let receptions: [HMPPSMovementReason] = [
        .newAdmission, .readmission, .readmissionSwitchBooking, .postMergeAdmission, .temporaryAbsenceReturn, .returnFromCourt, .transferred,
    ]
    /// The reasons a `prisoner.released` event may give for a continuity-of-care transfer.
    public static let releases: [HMPPSMovementReason] = [.released, .releasedToHospital, .transferred]

    /// The canonical `movementReason`, e.g. `new-admission`.
    public var canonical: String {
        switch self {
        case .newAdmission: "new-admission"
        case .readmission: "readmission"
        case .readmissionSwitchBooking: "readmission-switch-booking"
        case .postMergeAdmission: "post-merge-admission"
        case .temporaryAbsenceReturn: "temporary-absence-return"
        case .returnFromCourt: "return-from-court"
        case .transferred: "transferred"
        case .released: "released"
        case .releasedToHospital: "released-to-hospital"
        }
    }

    /// The reason for a canonical value.
    public init?(canonical: String) {
        guard let found = Self.allCases.first(where: { $0.canonical == canonical }) else { return nil }
        self = found
    }

    /// For a release: the continuity-of-care trigger it stands for.
    public var trigger: String {
        self == .transferred ? "prison-transfer" : "prison-release"
    }
}
