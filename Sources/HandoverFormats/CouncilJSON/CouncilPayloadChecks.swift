import HandoverModel

/// Rules across members of a council payload that a member's type alone cannot express.
enum CouncilPayloadChecks {
    /// Checks a canonical payload read from a council: a joint package's parts add up to its
    /// weekly total, to the penny.
    static func check(_ payload: JSONValue, kind: MessageKind, into reader: inout CouncilPayloadReader) {
        guard kind == .decisionNotice, let funding = payload["funding"],
            case .number(let total)? = funding["weeklyTotalPence"], case .number(let icb)? = funding["icbPence"],
            case .number(let council)? = funding["councilPence"],
            let totalPence = Int64(total), let icbPence = Int64(icb), let councilPence = Int64(council)
        else { return }
        if icbPence + councilPence != totalPence {
            reader.fields.report("/payload/funding", "funding-split", "send icbPence and councilPence that add up to weeklyTotalPence")
        }
    }
}
