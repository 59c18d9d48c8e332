public import HandoverModel

/// The codec of each translated partner format.
///
/// `handover-json` has none: a partner on the canonical format is read by
/// `CanonicalSubmissionDecoder` straight from the body (or a spooled file) and its payload is
/// stored byte for byte, which no translation needs to do.
public enum PartnerCodecs {
    /// The codec for `format`, or nil for the canonical format.
    public static func codec(for format: PartnerFormat) -> (any PartnerCodec)? {
        switch format {
        case .handoverJSON: nil
        case .hl7v2: PrisonHealthcareCodec()
        case .fhirR4: FHIRMessagingCodec()
        case .councilXML: CouncilXMLCodec()
        case .councilJSON: CouncilJSONCodec()
        case .councilCSV: CouncilCSVCodec()
        case .hmppsJSON: HMPPSEventCodec()
        }
    }
}
