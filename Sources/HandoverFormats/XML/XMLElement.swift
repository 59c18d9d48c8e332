/// One element of a parsed XML document, with its namespace resolved, its attributes, its child
/// elements in document order and its character data with references decoded.
///
/// The tree keeps what the formats built on it need and nothing else: comments are gone, CDATA
/// sections are merged into the text, and whitespace between child elements (indentation) is
/// dropped. Non-whitespace text beside child elements (mixed content) is kept in `text`, so a
/// mapping can refuse it rather than lose it.
public struct XMLElement: Sendable, Hashable {
    /// The namespace URI the element's prefix (or the default namespace) resolves to; empty when none.
    public var namespace: String
    /// The local name, without prefix.
    public var name: String
    /// The attributes in document order, namespace declarations excluded.
    public var attributes: [XMLAttribute]
    /// The child elements in document order.
    public var children: [XMLElement]
    /// The character data: line ends normalised to LF, references and CDATA decoded.
    public var text: String

    /// Creates an element.
    public init(namespace: String = "", name: String, attributes: [XMLAttribute] = [], children: [XMLElement] = [], text: String = "") {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    /// The value of the attribute with this local name and no namespace.
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name && $0.namespace.isEmpty }?.value
    }
}

/// An attribute of an `XMLElement`.
public struct XMLAttribute: Sendable, Hashable {
    /// The namespace URI of its prefix; empty for an unprefixed attribute, which has no namespace.
    public var namespace: String
    /// The local name.
    public var name: String
    /// The value, references decoded and whitespace normalised as XML 1.0 §3.3.3 requires.
    public var value: String

    /// Creates an attribute.
    public init(namespace: String = "", name: String, value: String) {
        self.namespace = namespace
        self.name = name
        self.value = value
    }
}
