public import HandoverModel

/// Reads an XML 1.0 document into an `XMLElement` tree, accepting only the part of XML that the
/// partner formats use and refusing the rest with a rule of its own.
///
/// Accepted: an optional UTF-8 byte order mark, an optional XML declaration (version 1.0, encoding
/// UTF-8 if named, standalone yes or no), elements, attributes, namespace declarations and
/// prefixes (XML Namespaces 1.0), character data, CDATA sections, comments, the five predefined
/// entity references (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and numeric character references.
///
/// Refused, because a gateway must never fetch, expand or trust what a document declares about
/// itself:
/// - any document type declaration (`xml-doctype`): no DTD, so no external entity (XXE), no
///   parameter entity and no entity expansion (billion laughs) can exist; any other `&name;` is
///   `xml-entity`. The reader does no I/O of any kind.
/// - processing instructions other than the declaration (`xml-processing-instruction`).
/// - any encoding but UTF-8: a UTF-16 or UTF-32 byte order mark or a declared other encoding
///   (`xml-encoding`), bytes that are not UTF-8 (`xml-utf8`), and characters XML 1.0 forbids such
///   as NUL or U+FFFE (`xml-illegal-character`).
///
/// Every limit in `XMLLimits` is checked while reading, so a 20 MB text node fails after 64 KiB
/// with `xml-text-too-long` and nothing copied past the limit. Well-formedness errors stop the
/// read at once (nothing after them can be read with certainty); each is located by the XPath of
/// the element being read (`/CareExchangeMessage/Header/MessageId`) and its hint gives the line.
public enum XMLReader {
    /// The namespace the `xml` prefix is bound to.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Rules meaning the bytes are not a usable XML document.
    public static let rules: Set<String> = [
        "xml-empty", "xml-encoding", "xml-utf8", "xml-illegal-character", "xml-declaration", "xml-doctype",
        "xml-processing-instruction", "xml-entity", "xml-character-reference", "xml-syntax", "xml-mismatched-tag",
        "xml-unclosed-element", "xml-duplicate-attribute", "xml-namespace-prefix", "xml-no-root", "xml-trailing-content",
        "xml-too-deep", "xml-too-many-elements", "xml-too-many-attributes", "xml-name-too-long", "xml-text-too-long",
    ]

    /// Reads the document in `bytes`.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = .standard) throws(ValidationError) -> XMLElement {
        let outcome = bytes.withUnsafeBytes { buffer -> Result<XMLElement, ValidationError> in
            do throws(ValidationError) {
                return .success(try parse(buffer, limits: limits))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Reads the document in `bytes`.
    /// - Throws: `ValidationError` with one issue, located by XPath.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: XMLLimits = .standard) throws(ValidationError) -> XMLElement {
        var state = XMLReaderState(bytes: bytes, limits: limits)
        return try state.document()
    }
}
