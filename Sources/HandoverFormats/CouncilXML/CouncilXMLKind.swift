import HandoverModel

/// The kinds the council XML format carries: the body element of each and its table of fields
/// (`contracts/formats/council-xml/README.md` lists them). The tables are in
/// `CouncilXMLReferralFields.swift` and `CouncilXMLExchangeFields.swift`.
struct CouncilXMLKind: Sendable {
    let kind: MessageKind
    /// The body element, e.g. `Referral`.
    let element: String
    /// Its children, ending with the `Note` elements any kind may carry.
    let fields: [CouncilXMLField]
    /// The body as a group of `fields`, for the reader.
    let body: CouncilXMLType

    init(_ kind: MessageKind, _ element: String, _ fields: [CouncilXMLField]) {
        self.kind = kind
        self.element = element
        self.fields = fields + [CouncilXMLGroups.notes]
        body = .group(self.fields)
    }

    /// Every kind carried, in the order of the canonical vocabulary.
    static let all: [CouncilXMLKind] = [
        CouncilXMLKind(.referral, "Referral", CouncilXMLReferralFields.referral),
        CouncilXMLKind(.continuityOfCareTransfer, "ContinuityOfCareTransfer", CouncilXMLReferralFields.transfer),
        CouncilXMLKind(.placementQuery, "PlacementQuery", CouncilXMLExchangeFields.placementQuery),
        CouncilXMLKind(.placementReply, "PlacementReply", CouncilXMLExchangeFields.placementReply),
        CouncilXMLKind(.s117Query, "S117Query", CouncilXMLExchangeFields.s117Query),
        CouncilXMLKind(.s117Reply, "S117Reply", CouncilXMLExchangeFields.s117Reply),
        CouncilXMLKind(.consentGrant, "ConsentGrant", CouncilXMLExchangeFields.consentGrant),
        CouncilXMLKind(.consentWithdrawal, "ConsentWithdrawal", CouncilXMLExchangeFields.consentWithdrawal),
        CouncilXMLKind(.acknowledgement, "Acknowledgement", CouncilXMLExchangeFields.acknowledgement),
    ]

    /// The entry for a canonical kind, nil when the format does not carry it.
    static func entry(for kind: MessageKind) -> CouncilXMLKind? {
        all.first { $0.kind == kind }
    }

    /// The MessageType values, which are the canonical kind names.
    static var messageTypes: [String] { all.map(\.kind.rawValue) }
}
