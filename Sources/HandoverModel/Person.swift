/// A person's identifier in a council's own case system, such as a Mosaic person id.
public struct LocalPersonID: Sendable, Hashable, Codable {
    /// The issuing system, e.g. the council's GSS code `E06000030`.
    public var system: String
    /// The identifier within that system.
    public var value: String

    /// Creates a local identifier.
    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }
}

/// A person's name.
public struct PersonName: Sendable, Hashable, Codable {
    public var family: String
    public var given: [String]

    /// Creates a name.
    public init(family: String, given: [String]) {
        self.family = family
        self.given = given
    }
}

/// The person a message is about. Each partner knows people by different numbers, so a person
/// carries every identifier the sender has; at least one is required to match them.
public struct Person: Sendable, Hashable, Codable {
    public var nhsNumber: NHSNumber?
    public var prisonerNumber: PrisonerNumber?
    public var crn: CaseReferenceNumber?
    public var localIds: [LocalPersonID]
    public var name: PersonName
    public var birthDate: CalendarDate

    /// Creates a person.
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

    /// Whether the person carries at least one identifier to match them by.
    public var hasIdentifier: Bool {
        nhsNumber != nil || prisonerNumber != nil || crn != nil || !localIds.isEmpty
    }

    private enum CodingKeys: String, CodingKey { case nhsNumber, prisonerNumber, crn, localIds, name, birthDate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nhsNumber = try container.decodeIfPresent(NHSNumber.self, forKey: .nhsNumber)
        prisonerNumber = try container.decodeIfPresent(PrisonerNumber.self, forKey: .prisonerNumber)
        crn = try container.decodeIfPresent(CaseReferenceNumber.self, forKey: .crn)
        localIds = try container.decodeIfPresent([LocalPersonID].self, forKey: .localIds) ?? []
        name = try container.decode(PersonName.self, forKey: .name)
        birthDate = try container.decode(CalendarDate.self, forKey: .birthDate)
    }

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
