public import HandoverModel

/// One partner format: reads what a partner posts into canonical submissions, and writes canonical
/// messages in the form the partner downloads.
///
/// Conformance is closed: one codec per `PartnerFormat` (`PartnerCodecs.codec(for:)`). Codecs do
/// no I/O; the gateway hands them bytes and registry facts and stores what they return. Every
/// decoder reports all broken rules at once, located in the partner's own terms (a JSON Pointer,
/// a FHIRPath, `PID-3[1].1`, an XPath, `row 3 column nhs_number`).
public protocol PartnerCodec: Sendable {
    /// The format this codec reads and writes.
    var format: PartnerFormat { get }
    /// The media type of what `encode` writes, e.g. `application/fhir+json`.
    var mediaType: String { get }
    /// The media types a submission may be posted as (lower case, without parameters).
    var acceptedMediaTypes: Set<String> { get }
    /// Rules meaning the body is not usable at all in this format (answered 400); other broken
    /// rules are answered 422.
    var malformedRules: Set<String> { get }

    /// Reads a body the partner posted: one submission, or several for a batch format (CSV).
    /// - Throws: `ValidationError` with every broken rule, located in the partner's format.
    func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission]

    /// Writes a canonical message for a recipient on this format, listing what it could not carry.
    /// - Throws: `ValidationError` located by JSON Pointer into the canonical message when the
    ///   message cannot be written in this format at all (a kind the format has no message for).
    func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage
}

/// What a decoder needs from the gateway besides the bytes.
public struct DecodingContext: Sendable {
    /// The authenticated partner that posted the body.
    public var sender: Partner
    /// Organisation codes and mailbox ids to mailboxes, for formats that address organisations.
    public var directory: RoutingDirectory

    /// Creates a context.
    public init(sender: Partner, directory: RoutingDirectory) {
        self.sender = sender
        self.directory = directory
    }
}
