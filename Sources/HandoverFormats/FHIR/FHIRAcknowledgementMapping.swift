import HandoverModel

/// An acknowledgement in the ITK3 style: `MessageHeader.response` (`identifier` the answered
/// message, `code` ok, transient-error or fatal-error) and the OperationOutcome it points to in
/// `details`, whose first issue carries the ITK3 response code and the project's own outcome code
/// (`FHIRCodes.acknowledgements`), and the note as `diagnostics`.
///
/// Reading, the project's outcome code decides; without it, the outcome follows the response
/// code and the ITK3 code: `ok` with 20013 is `received`, other `ok` is `accepted`, `fatal-error`
/// with a business code (3xxxx) is `rejected`, any other error is `error`.
enum FHIRAcknowledgementMapping {
    static let responseCodes = ["ok", "transient-error", "fatal-error"]
    static let severities = ["fatal", "error", "warning", "information"]
}

extension FHIRDecoding {
    mutating func acknowledgement(_ response: FHIRNode, code responseCode: String?) -> [(String, JSONValue?)] {
        var outcome: String?
        var itk: String?
        var note: String?
        if let outcomeResource = resolve(response, "details", ["OperationOutcome"], "acknowledgement details"),
            let issue = reader.first(outcomeResource, "issue", as: "OperationOutcomeIssue")
        {
            expectCode(issue, "severity", allowed: FHIRAcknowledgementMapping.severities)
            reader.take(issue, "code")
            note = reader.string(issue, "diagnostics")
            if let details = reader.child(issue, "details", as: "CodeableConcept") {
                reader.take(details, "text")
                for coding in reader.children(details, "coding", as: "Coding") {
                    switch coding["system"] {
                    case .string(FHIRSystems.acknowledgementOutcome)?:
                        outcome = code(coding, system: FHIRSystems.acknowledgementOutcome, allowed: FHIRCodes.acknowledgementOutcomes, "acknowledgement outcome")
                    case .string(FHIRSystems.itkResponse)?:
                        reader.take(coding, "system")
                        reader.take(coding, "display")
                        itk = reader.string(coding, "code", maxLength: 16)
                    default:
                        continue
                    }
                }
            }
        }
        if outcome == nil, let responseCode {
            switch responseCode {
            case "ok": outcome = itk == "20013" ? "received" : "accepted"
            case "fatal-error" where itk?.hasPrefix("3") == true: outcome = "rejected"
            default: outcome = "error"
            }
        }
        return [("outcome", FHIRJSON.string(outcome)), ("note", FHIRJSON.string(note))]
    }
}

extension FHIREncoding {
    /// The OperationOutcome of an acknowledgement; returns its fullUrl and the response code.
    mutating func acknowledgement() -> (url: String, code: String) {
        let outcome = code("/outcome", FHIRCodes.acknowledgementOutcomes) ?? "accepted"
        let row = FHIRCodes.acknowledgements.first { $0.outcome == outcome } ?? FHIRCodes.acknowledgements[1]
        let issue = FHIRJSON.object([
            ("severity", .string(row.severity)),
            ("code", .string(row.issue)),
            ("details", .object([("coding", .array([
                FHIRJSON.coding(system: FHIRSystems.itkResponse, code: row.itk, display: row.itkDisplay),
                FHIRJSON.coding(system: FHIRSystems.acknowledgementOutcome, code: outcome),
            ]))])),
            ("diagnostics", FHIRJSON.string(payload.string("/note"))),
        ])
        let url = builder.add("OperationOutcome", "acknowledgement", [("issue", .array([issue ?? .null]))])
        return (url, row.response)
    }
}
