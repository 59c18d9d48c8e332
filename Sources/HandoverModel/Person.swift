/// The person a message is about.
///
/// Each partner knows people by a different number (the NHS by NHS number, prisons by prisoner
/// number, probation by CRN, councils by their own case ids), so a person carries every
/// identifier the sender holds; a message about a person needs at least one (`hasIdentifier`) to
/// be matched at the other end. Name and date of birth are always sent, to confirm the match.
///
/// JSON keys are `nhsNumber`, `prisonerNumber`, `crn`, `localIds`, `name` and `birthDate`;
/// absent identifiers are omitted rather than written as null, and `localIds` only when empty.
/// Decoding validates every identifier and the date.
public struct Person: Sendable, Hashable, Codable {
    /// The NHS number, when known.
    public var nhsNumber: NHSNumber?
    /// The HMPPS prisoner number, for someone in or recently released from prison.
    public var prisonerNumber: PrisonerNumber?
    /// The probation case reference number, for someone under probation supervision.
    public var crn: CaseReferenceNumber?
    /// Identifiers in the partners' own case systems.
    public var localIds: [LocalPersonID]
    /// The person's name.
    public var name: PersonName
    /// The date of birth.
    public var birthDate: CalendarDate

    /// Creates a person from whichever identifiers the sender holds.
    public init(
        nhsNumber: NHSNumber? = nil,
        prisonerNumber: PrisonerNumber? = nil,
        crn: CaseReferenceNumber? = nil,
        localIds: [LocalPersonID] = [],
        name: PersonName,
        birthDate: CalendarDate
    ) {
        self.nhsNumber = nhsNumber
        self.prisonerNumber = prisonerNumber
        self.crn = crn
        self.localIds = localIds
        self.name = name
        self.birthDate = birthDate
    }

    /// Whether the person carries at least one identifier (NHS number, prisoner number, CRN or a
    /// local id) to be matched by; a name and date of birth alone are not enough.
    public var hasIdentifier: Bool {
        nhsNumber != nil || prisonerNumber != nil || crn != nil || !localIds.isEmpty
    }

    private enum CodingKeys: String, CodingKey { case nhsNumber, prisonerNumber, crn, localIds, name, birthDate }

    /// Decodes a person, validating each identifier and the date of birth; a missing `localIds`
    /// is read as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nhsNumber = try container.decodeIfPresent(NHSNumber.self, forKey: .nhsNumber)
        prisonerNumber = try container.decodeIfPresent(PrisonerNumber.self, forKey: .prisonerNumber)
        crn = try container.decodeIfPresent(CaseReferenceNumber.self, forKey: .crn)
        localIds = try container.decodeIfPresent([LocalPersonID].self, forKey: .localIds) ?? []
        name = try container.decode(PersonName.self, forKey: .name)
        birthDate = try container.decode(CalendarDate.self, forKey: .birthDate)
    }

    /// Encodes the person, omitting absent identifiers and an empty `localIds`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(nhsNumber, forKey: .nhsNumber)
        try container.encodeIfPresent(prisonerNumber, forKey: .prisonerNumber)
        try container.encodeIfPresent(crn, forKey: .crn)
        if !localIds.isEmpty { try container.encode(localIds, forKey: .localIds) }
        try container.encode(name, forKey: .name)
        try container.encode(birthDate, forKey: .birthDate)
    }
}
