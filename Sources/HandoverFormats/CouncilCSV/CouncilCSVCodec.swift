public import HandoverModel

/// The `council-csv` partner format: a council's batch export, one message per row
/// (`contracts/formats/council-csv/`), read by `CouncilCSVDecoder` and written by
/// `CouncilCSVEncoder`.
///
/// A posted file is accepted or refused whole. A delivered message is a file of the header and
/// its one row; `encode(batch:)` writes many messages into one file, for a batch download.
public struct CouncilCSVCodec: PartnerCodec {
    public var format: PartnerFormat { .councilCSV }
    public var mediaType: String { "text/csv; charset=utf-8; header=present" }
    public var acceptedMediaTypes: Set<String> { ["text/csv"] }
    public var malformedRules: Set<String> {
        [
            "csv-empty", "csv-header", "csv-bare-quote", "csv-quote", "csv-unterminated-quote", "csv-line-end", "csv-column-count",
            "csv-utf8", "csv-control-character", "csv-field-too-long", "csv-too-many-rows", "csv-too-many-columns",
        ]
    }
    /// The mandatory header, every column in order (`contracts/formats/council-csv/columns.json`).
    public static let header: [String] = CouncilCSVColumns.names
    /// The kinds a row can carry, as `record_type` names them.
    public static let kinds: [MessageKind] = CouncilCSVColumns.kinds
    /// Size limits for what councils post.
    public var limits: CSVLimits

    /// Creates the codec.
    public init(limits: CSVLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        try CouncilCSVDecoder.decode(body, context: context, limits: limits)
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let output = try CouncilCSVEncoder.encode([message], pointerPrefix: false)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }

    /// Writes `messages` into one file, a row each in the order given. The file is written whole
    /// or not at all: when any message cannot be written, every problem is thrown, located by
    /// JSON Pointer into the array of messages (`/2/kind`); dropped fields are located the same way.
    public func encode(batch messages: [OutboundMessage]) throws(ValidationError) -> EncodedMessage {
        let output = try CouncilCSVEncoder.encode(messages, pointerPrefix: true)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }
}
