import HandoverModel

/// The work of `XMLReader`: a cursor over the bytes, the stack of open elements with their
/// namespace bindings, and the text of the innermost element. The scanning of text, references,
/// comments and the declaration is in `XMLReaderScanning.swift`.
///
/// The stack is explicit (no recursion), so the depth limit is the only bound on nesting and a
/// deep document cannot exhaust the thread's stack.
struct XMLReaderState {
    struct Open {
        var element: XMLElement
        /// Where the qualified name is in the bytes, to match the end tag against.
        var qualifiedName: Range<Int>
        /// `bindings.count` before this element's declarations.
        var bindingMark: Int
        /// Bytes of text read so far, as sent, for the text limit.
        var textBytes = 0
        var hasChildren = false
    }

    let bytes: UnsafeRawBufferPointer
    let limits: XMLLimits
    var index = 0
    var stack: [Open] = []
    var bindings: [(prefix: String, uri: String)] = [("xml", XMLReader.xmlNamespace)]
    var elements = 0
    var root: XMLElement?
    /// The decoded text of the innermost open element since its last child.
    var scratch: [UInt8] = []
    var scratchIsBlank = true

    init(bytes: UnsafeRawBufferPointer, limits: XMLLimits) {
        self.bytes = bytes
        self.limits = limits
        scratch.reserveCapacity(256)
    }

    mutating func document() throws(ValidationError) -> XMLElement {
        guard !bytes.isEmpty else {
            throw ValidationError(path: "", rule: "xml-empty", hint: "send one XML document, starting with <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        }
        try prologue()
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                try markup()
            } else if stack.isEmpty {
                guard Self.isWhitespace(byte) else {
                    if root == nil { throw failure("xml-syntax", "the document must start with its root element (or the XML declaration); found text") }
                    throw failure("xml-trailing-content", "send nothing after the root element's end tag but comments and whitespace")
                }
                index += 1
            } else {
                try characterData()
            }
        }
        if let open = stack.last {
            throw failure("xml-unclosed-element", "the document ends inside <\(open.element.name)>; send the whole document with every element closed")
        }
        guard let root else { throw failure("xml-no-root", "send a root element, e.g. <CareExchangeMessage>") }
        return root
    }

    /// Dispatches on what follows `<`.
    mutating func markup() throws(ValidationError) {
        guard index + 1 < bytes.count else { throw truncated() }
        switch bytes[index + 1] {
        case UInt8(ascii: "/"):
            try endTag()
        case UInt8(ascii: "?"):
            try processingInstruction()
        case UInt8(ascii: "!"):
            if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<![CDATA[") {
                guard !stack.isEmpty else { throw failure("xml-syntax", "a CDATA section may only appear inside an element") }
                try cdata()
            } else if index + 2 < bytes.count, Self.isLetter(bytes[index + 2]) {
                throw failure("xml-doctype", "remove the DOCTYPE and any entity declarations; the format needs no DTD and the gateway never reads one")
            } else {
                throw failure("xml-syntax", "markup starting <! must be a comment <!-- --> or a CDATA section")
            }
        default:
            if stack.isEmpty, root != nil {
                throw failure("xml-trailing-content", "send exactly one root element; a second one starts after the first has ended")
            }
            try startTag()
        }
    }

    mutating func startTag() throws(ValidationError) {
        index += 1
        let nameRange = try name()
        var raw: [(name: Range<Int>, value: String)] = []
        var declared: [(prefix: String, uri: String)] = []
        var selfClosing = false
        while true {
            let spaced = skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < bytes.count else { throw truncated() }
                guard bytes[index + 1] == UInt8(ascii: ">") else { throw failure("xml-syntax", "a / in a start tag must be followed by > (an empty element is written <Name/>)") }
                index += 2
                selfClosing = true
                break
            }
            guard spaced else { throw failure("xml-syntax", "separate attributes from the name and from each other by whitespace") }
            let attributeName = try name()
            skipWhitespace()
            guard index < bytes.count else { throw truncated() }
            guard bytes[index] == UInt8(ascii: "=") else { throw failure("xml-syntax", "write each attribute as name=\"value\"") }
            index += 1
            skipWhitespace()
            let value = try attributeValue()
            guard raw.count + declared.count < limits.maxAttributesPerElement else {
                throw failure("xml-too-many-attributes", "send at most \(limits.maxAttributesPerElement) attributes on one element")
            }
            let qualified = text(attributeName)
            if raw.contains(where: { equal($0.name, attributeName) }) || declared.contains(where: { declaration($0.prefix) == qualified }) {
                throw failure("xml-duplicate-attribute", "send each attribute once per element; one is repeated at line \(line(attributeName.lowerBound))")
            }
            if qualified == "xmlns" {
                declared.append(("", value))
            } else if qualified.hasPrefix("xmlns:") {
                let prefix = String(qualified.dropFirst(6))
                guard !value.isEmpty, prefix != "xmlns", (prefix == "xml") == (value == XMLReader.xmlNamespace) else {
                    throw failure("xml-namespace-prefix", "a namespace prefix must be bound to a non-empty namespace name (and xml and xmlns keep their reserved meanings)")
                }
                declared.append((prefix, value))
            } else {
                raw.append((attributeName, value))
            }
        }
        guard stack.count < limits.maxDepth else { throw failure("xml-too-deep", "send elements nested at most \(limits.maxDepth) deep") }
        elements += 1
        guard elements <= limits.maxElements else { throw failure("xml-too-many-elements", "send at most \(limits.maxElements) elements in one document") }

        let mark = bindings.count
        if !declared.isEmpty { bindings.append(contentsOf: declared) }
        let (prefix, local) = split(nameRange)
        var element = XMLElement(name: local)
        element.namespace = try resolve(prefix, element: true)
        element.attributes.reserveCapacity(raw.count)
        for attribute in raw {
            let (attributePrefix, attributeLocal) = split(attribute.name)
            let namespace = attributePrefix.isEmpty ? "" : try resolve(attributePrefix, element: false)
            if element.attributes.contains(where: { $0.name == attributeLocal && $0.namespace == namespace }) {
                throw failure("xml-duplicate-attribute", "send each attribute once per element; two prefixes for one namespace name the same attribute")
            }
            element.attributes.append(XMLAttribute(namespace: namespace, name: attributeLocal, value: attribute.value))
        }
        if !stack.isEmpty {
            flushText()
            stack[stack.count - 1].hasChildren = true
        }
        let open = Open(element: element, qualifiedName: nameRange, bindingMark: mark)
        if selfClosing {
            finish(open)
        } else {
            stack.append(open)
        }
    }

    mutating func endTag() throws(ValidationError) {
        index += 2
        let nameRange = try name()
        skipWhitespace()
        guard index < bytes.count else { throw truncated() }
        guard bytes[index] == UInt8(ascii: ">") else { throw failure("xml-syntax", "end an end tag with >") }
        index += 1
        guard var open = stack.popLast() else {
            throw failure("xml-syntax", "an end tag at line \(line(nameRange.lowerBound)) has no start tag")
        }
        guard equal(open.qualifiedName, nameRange) else {
            stack.append(open)
            throw failure("xml-mismatched-tag", "the end tag at line \(line(nameRange.lowerBound)) does not close <\(open.element.name)>; close elements in the order they were opened")
        }
        if !scratch.isEmpty {
            if !(open.hasChildren && scratchIsBlank) { open.element.text += String(decoding: scratch, as: UTF8.self) }
            scratch.removeAll(keepingCapacity: true)
        }
        scratchIsBlank = true
        finish(open)
    }

    /// Hands a closed element to its parent, or makes it the root.
    mutating func finish(_ open: consuming Open) {
        bindings.removeSubrange(open.bindingMark...)
        // Taken out of `open` rather than copied, so the parent gets it without retaining its parts.
        var element = XMLElement(name: "")
        swap(&element, &open.element)
        if stack.isEmpty {
            root = consume element
        } else {
            stack[stack.count - 1].element.children.append(consume element)
        }
    }

    /// Moves the innermost element's text so far into it before a child starts; indentation
    /// (whitespace only) is dropped.
    mutating func flushText() {
        if !scratch.isEmpty {
            if !scratchIsBlank { stack[stack.count - 1].element.text += String(decoding: scratch, as: UTF8.self) }
            scratch.removeAll(keepingCapacity: true)
        }
        scratchIsBlank = true
    }

    /// The namespace URI a prefix is bound to; the empty prefix on an element is the default namespace.
    func resolve(_ prefix: String, element: Bool) throws(ValidationError) -> String {
        if let binding = bindings.last(where: { $0.prefix == prefix }) { return binding.uri }
        if prefix.isEmpty && element { return "" }
        throw failure("xml-namespace-prefix", "declare every namespace prefix used (xmlns:\(prefix)=\"...\") on the element or an ancestor")
    }

    /// Reads a name (letters, digits, `_ - . :` and non-ASCII), bounded by `maxNameBytes`.
    mutating func name() throws(ValidationError) -> Range<Int> {
        let start = index
        guard index < bytes.count else { throw truncated() }
        guard Self.isNameStart(bytes[index]) else { throw failure("xml-syntax", "a name must start with a letter or underscore (line \(line(index)))") }
        // Colons are counted while scanning, so a name costs no allocation.
        var colons = 0
        var colon = start
        // One byte past the longest name allowed, so that the loop itself bounds the length.
        let end = min(bytes.count, start + limits.maxNameBytes + 1)
        while index < end {
            let byte = bytes[index]
            if byte >= 0x80 {
                index += try utf8Sequence()
            } else if Self.isNameByte(byte) {
                if byte == UInt8(ascii: ":") {
                    if colons == 0 { colon = index }
                    colons += 1
                }
                index += 1
            } else {
                break
            }
        }
        guard index - start <= limits.maxNameBytes else {
            throw failure("xml-name-too-long", "send element and attribute names of at most \(limits.maxNameBytes) bytes")
        }
        if colons > 0, colons > 1 || colon == start || colon == index - 1 {
            throw failure("xml-syntax", "a qualified name is prefix:local with exactly one colon (line \(line(start)))")
        }
        return start..<index
    }

    func split(_ range: Range<Int>) -> (prefix: String, local: String) {
        var colon = range.lowerBound
        while colon < range.upperBound, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
        guard colon < range.upperBound else { return ("", text(range)) }
        return (text(range.lowerBound..<colon), text((colon + 1)..<range.upperBound))
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        var offset = 0
        // Eight bytes at a time while eight remain in both ranges, which lie inside `bytes`.
        while offset + 8 <= a.count {
            let left = bytes.loadUnaligned(fromByteOffset: a.lowerBound + offset, as: UInt64.self)
            let right = bytes.loadUnaligned(fromByteOffset: b.lowerBound + offset, as: UInt64.self)
            if left != right { return false }
            offset += 8
        }
        while offset < a.count {
            if bytes[a.lowerBound + offset] != bytes[b.lowerBound + offset] { return false }
            offset += 1
        }
        return true
    }

    func declaration(_ prefix: String) -> String {
        prefix.isEmpty ? "xmlns" : "xmlns:" + prefix
    }

    /// The XPath of the innermost open element, with `[n]` where it is not the first of its name.
    var path: String {
        var result = ""
        for (depth, open) in stack.enumerated() {
            result += "/" + open.element.name
            if depth > 0 {
                let position = stack[depth - 1].element.children.count { $0.name == open.element.name } + 1
                if position > 1 { result += "[\(position)]" }
            }
        }
        return result
    }

    /// The line (from 1) of a byte offset, for hints.
    func line(_ offset: Int) -> Int {
        var count = 1
        for position in 0..<min(offset, bytes.count) where bytes[position] == 0x0A { count += 1 }
        return count
    }

    func failure(_ rule: String, _ hint: String) -> ValidationError {
        ValidationError(path: path, rule: rule, hint: hint)
    }

    func truncated() -> ValidationError {
        failure("xml-unclosed-element", "the document ends inside a tag; send the whole document with every element closed")
    }

    func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literalBytes in (0..<count).allSatisfy { bytes[index + $0] == literalBytes[$0] } }
    }

    @discardableResult
    mutating func skipWhitespace() -> Bool {
        let start = index
        while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
        return index > start
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isNameStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80 }

    /// Whether an ASCII byte may continue a name: a name start, a digit, `-` or `.`. Two bit
    /// masks over the ASCII range, since this is asked of every byte of every name.
    static func isNameByte(_ byte: UInt8) -> Bool {
        // Bits 45 `-`, 46 `.`, 48-57 digits, 58 `:`; then 65-90 letters, 95 `_`, 97-122 letters.
        let low: UInt64 = 0x07FF_6000_0000_0000
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE
        return byte < 64 ? (low >> UInt64(byte)) & 1 == 1 : byte < 128 && (high >> UInt64(byte - 64)) & 1 == 1
    }
}
