/// The wire format a partner posts in and receives its inbox in.
///
/// Every format translates through the canonical model; `handoverJSON` is the canonical
/// message itself, so a partner on it sees exactly what the gateway stores.
public enum PartnerFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// The canonical Handover JSON message (`contracts/canonical/`).
    case handoverJSON = "handover-json"
    /// FHIR R4 message Bundles (ICBs and NHS trusts).
    case fhirR4 = "fhir-r4"
    /// HL7 v2 ER7 (prison healthcare).
    case hl7v2 = "hl7v2"
    /// HMPPS-style JSON domain events (prison services).
    case hmppsJSON = "hmpps-json"
    /// Council case-system JSON.
    case councilJSON = "council-json"
    /// Council case-system CSV batch.
    case councilCSV = "council-csv"
    /// Neighbouring-council XML.
    case councilXML = "council-xml"
}
