import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// The strict XML reader: what it accepts, and every hostile or broken document it must refuse
/// with a clear rule, at once, without resolving, expanding or fetching anything.
@Suite struct XMLReaderTests {
    private func parse(_ text: String, limits: XMLLimits = .standard) throws -> XMLElement {
        try XMLReader.parse(Array(text.utf8), limits: limits)
    }

    /// The single issue a refused document produces, as `path rule`.
    private func refusal(_ bytes: [UInt8], limits: XMLLimits = .standard) -> String {
        do {
            _ = try XMLReader.parse(bytes, limits: limits)
            return "accepted"
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.allSatisfy { XMLReader.rules.contains($0.rule) && !$0.hint.isEmpty })
            return error.issues.map { "\($0.path) \($0.rule)" }.joined(separator: "; ")
        }
    }

    private func refusal(_ text: String, limits: XMLLimits = .standard) -> String {
        refusal(Array(text.utf8), limits: limits)
    }

    // MARK: what is read

    @Test func elementsAttributesTextAndNamespacesAreRead() throws {
        let root = try parse("""
            <?xml version="1.0" encoding="utf-8" standalone="yes"?>
            <!-- a comment before the root -->
            <m:Root xmlns:m="urn:a" xmlns="urn:b" version='1.0'>
              <Child n="1">O&apos;Brien &amp; Zoë &lt;&gt; &quot;&#233;&#x10348;</Child>
              <Child n="2"><![CDATA[<not markup> & ]]]>tail</Child>
              <m:Empty/>
              <Plain xmlns="">a\r\nb\rc</Plain>
            </m:Root>
            <!-- and after -->
            """)
        #expect(root.name == "Root" && root.namespace == "urn:a")
        #expect(root.attribute("version") == "1.0")
        #expect(root.text.isEmpty)
        #expect(root.children.map(\.name) == ["Child", "Child", "Empty", "Plain"])
        #expect(root.children.map(\.namespace) == ["urn:b", "urn:b", "urn:a", ""])
        #expect(root.children[0].text == "O'Brien & Zoë <> \"é\u{10348}")
        #expect(root.children[0].attribute("n") == "1")
        #expect(root.children[1].text == "<not markup> & ]tail")
        #expect(root.children[2].children.isEmpty && root.children[2].text.isEmpty)
        #expect(root.children[3].text == "a\nb\nc")
    }

    @Test func attributeValuesAreNormalisedAndPrefixedAttributesResolved() throws {
        let root = try parse("<R xmlns:p=\"urn:p\" a=\"x\ty\r\nz&#10;\" p:b=\"1\"/>")
        #expect(root.attribute("a") == "x y z\n")
        #expect(root.attributes.contains(XMLAttribute(namespace: "urn:p", name: "b", value: "1")))
        #expect(root.attributes.count == 2)
    }

    @Test func aUTF8ByteOrderMarkIsSkipped() throws {
        #expect(try XMLReader.parse([0xEF, 0xBB, 0xBF] + Array("<R>x</R>".utf8)).text == "x")
    }

    @Test func mixedContentIsKeptForTheMappingToRefuse() throws {
        let root = try parse("<R>\n  text <A/>\n</R>")
        #expect(root.text.contains("text"))
        #expect(try parse("<R>\n  <A/>\n</R>").text.isEmpty)
        #expect(try parse("<R>  </R>").text == "  ")
    }

    // MARK: hostile documents

    @Test func externalEntitiesAreRefusedWithoutReadingAnything() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <r>&xxe;</r>
            """
        #expect(refusal(xxe) == " xml-doctype")
        #expect(refusal("<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\"><r/>") == " xml-doctype")
        #expect(refusal("<!DOCTYPE r PUBLIC \"-//X//Y\" \"file:///dev/random\"><r/>") == " xml-doctype")
    }

    @Test func parameterEntitiesAndBillionLaughsAreRefusedAtTheDoctype() {
        let parameter = """
            <!DOCTYPE r [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]><r/>
            """
        #expect(refusal(parameter) == " xml-doctype")
        var laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 { laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1 == 0 ? "" : String(level - 1));", count: 10) + "\">\n" }
        laughs += "]>\n<lolz>&lol9;</lolz>"
        let started = Date()
        #expect(refusal(laughs) == " xml-doctype")
        #expect(Date().timeIntervalSince(started) < 0.5)
    }

    @Test func undeclaredEntitiesAndStrayMarkupDeclarationsAreRefused() {
        #expect(refusal("<r>&xxe;</r>") == "/r xml-entity")
        #expect(refusal("<r>&nbsp;</r>") == "/r xml-entity")
        #expect(refusal("<r>a & b</r>") == "/r xml-entity")
        #expect(refusal("<r a=\"&lol;\"/>") == " xml-entity")
        #expect(refusal("<r><!ENTITY x \"y\"></r>") == "/r xml-doctype")
        #expect(refusal("<r><!-x--></r>") == "/r xml-syntax")
    }

    @Test func processingInstructionsAndLateDeclarationsAreRefused() {
        #expect(refusal("<?xml-stylesheet href=\"file:///etc/passwd\"?><r/>") == " xml-processing-instruction")
        #expect(refusal("<r><?php echo 1; ?></r>") == "/r xml-processing-instruction")
        #expect(refusal(" <?xml version=\"1.0\"?><r/>") == " xml-declaration")
        #expect(refusal("<?xml version=\"1.1\"?><r/>") == " xml-declaration")
        #expect(refusal("<?xml encoding=\"UTF-8\" version=\"1.0\"?><r/>") == " xml-declaration")
    }

    @Test func onlyUTF8IsRead() {
        #expect(refusal("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>") == " xml-encoding")
        #expect(refusal([0xFF, 0xFE] + Array("<r/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == " xml-encoding")
        #expect(refusal([0xFE, 0xFF, 0x00, 0x3C]) == " xml-encoding")
        #expect(refusal([0x00, 0x3C, 0x00, 0x72]) == " xml-encoding")
        #expect(refusal(Array("<r>caf".utf8) + [0xE9] + Array("</r>".utf8)) == "/r xml-utf8")
        #expect(refusal(Array("<r>".utf8) + [0xC0, 0xAF] + Array("</r>".utf8)) == "/r xml-utf8")
        #expect(refusal(Array("<r>".utf8) + [0xED, 0xA0, 0x80] + Array("</r>".utf8)) == "/r xml-utf8")
        #expect(refusal(Array("<r>".utf8) + [0xE2, 0x82] ) == "/r xml-utf8")
    }

    @Test func illegalCharactersAreRefusedRawAndAsReferences() {
        #expect(refusal(Array("<r>a".utf8) + [0x00] + Array("</r>".utf8)) == "/r xml-illegal-character")
        #expect(refusal(Array("<r>a".utf8) + [0x1B] + Array("</r>".utf8)) == "/r xml-illegal-character")
        #expect(refusal("<r>\u{FFFE}</r>") == "/r xml-illegal-character")
        #expect(refusal("<r>&#0;</r>") == "/r xml-character-reference")
        #expect(refusal("<r>&#x1B;</r>") == "/r xml-character-reference")
        #expect(refusal("<r>&#xD800;</r>") == "/r xml-character-reference")
        #expect(refusal("<r>&#x110000;</r>") == "/r xml-character-reference")
        #expect(refusal("<r>&#99999999999999999999;</r>") == "/r xml-entity")
        #expect(refusal("<r>&#x;</r>") == "/r xml-character-reference")
    }

    @Test func brokenStructureIsRefusedAndLocated() {
        #expect(refusal("") == " xml-empty")
        #expect(refusal("  <!-- nothing -->  ") == " xml-no-root")
        #expect(refusal("hello") == " xml-syntax")
        #expect(refusal("<a><b></a>") == "/a/b xml-mismatched-tag")
        #expect(refusal("<a><b>text") == "/a/b xml-unclosed-element")
        #expect(refusal("<a><b") == "/a xml-unclosed-element")
        #expect(refusal("<a><b x=\"1") == "/a xml-unclosed-element")
        #expect(refusal("<a><b/><b/><b></a>") == "/a/b[3] xml-mismatched-tag")
        #expect(refusal("</a>") == " xml-syntax")
        #expect(refusal("<a/><b/>") == " xml-trailing-content")
        #expect(refusal("<a/>text") == " xml-trailing-content")
        #expect(refusal("<a x=1/>") == " xml-syntax")
        #expect(refusal("<a x=\"1\"y=\"2\"/>") == " xml-syntax")
        #expect(refusal("<a x=\"<\"/>") == " xml-syntax")
        #expect(refusal("<a>]]></a>") == "/a xml-syntax")
        #expect(refusal("<1a/>") == " xml-syntax")
        #expect(refusal("<a:b:c/>") == " xml-syntax")
        #expect(refusal("<a><!-- a -- b --></a>") == "/a xml-syntax")
        #expect(refusal("<![CDATA[x]]><a/>") == " xml-syntax")
    }

    @Test func duplicateAttributesAndUndeclaredPrefixesAreRefused() {
        #expect(refusal("<a x=\"1\" x=\"2\"/>") == " xml-duplicate-attribute")
        #expect(refusal("<a xmlns:p=\"urn:x\" xmlns:q=\"urn:x\" p:x=\"1\" q:x=\"2\"/>") == " xml-duplicate-attribute")
        #expect(refusal("<a xmlns=\"urn:x\" xmlns=\"urn:y\"/>") == " xml-duplicate-attribute")
        #expect(refusal("<p:a/>") == " xml-namespace-prefix")
        #expect(refusal("<a p:x=\"1\"/>") == " xml-namespace-prefix")
        #expect(refusal("<a xmlns:p=\"\"/>") == " xml-namespace-prefix")
        #expect(refusal("<a><p:b xmlns:p=\"urn:p\"/><p:c/></a>") == "/a xml-namespace-prefix")
    }

    @Test func limitsStopDeepWideAndLongDocumentsFast() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(refusal(deep).hasSuffix(" xml-too-deep"))
        let many = "<r>" + String(repeating: "<a/>", count: 20_000) + "</r>"
        #expect(refusal(many) == "/r xml-too-many-elements")
        let attributes = "<r " + (0..<20).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>"
        #expect(refusal(attributes) == " xml-too-many-attributes")
        #expect(refusal("<" + String(repeating: "n", count: 200) + "/>") == " xml-name-too-long")

        var huge = Array("<r><t>".utf8)
        huge += [UInt8](repeating: UInt8(ascii: "x"), count: 20_000_000)
        huge += Array("</t></r>".utf8)
        let started = Date()
        #expect(refusal(huge) == "/r/t xml-text-too-long")
        #expect(refusal(Array("<r a=\"".utf8) + [UInt8](repeating: 0x41, count: 100_000) + Array("\"/>".utf8)) == " xml-text-too-long")
        #expect(refusal(Array("<r><!--".utf8) + [UInt8](repeating: 0x41, count: 100_000) + Array("--></r>".utf8)) == "/r xml-text-too-long")
        #expect(refusal(Array("<r><![CDATA[".utf8) + [UInt8](repeating: 0x41, count: 100_000) + Array("]]></r>".utf8)) == "/r xml-text-too-long")
        #expect(Date().timeIntervalSince(started) < 1)
        let small = XMLLimits(maxDepth: 3, maxElements: 10, maxAttributesPerElement: 2, maxNameBytes: 8, maxTextBytes: 8)
        #expect(refusal("<a>12345678</a>", limits: small) == "accepted")
        #expect(refusal("<a>123456789</a>", limits: small) == "/a xml-text-too-long")
        #expect(refusal("<a>1234<![CDATA[5678]]>9</a>", limits: small) == "/a xml-text-too-long")
        #expect(refusal("<a><b><c><d/></c></b></a>", limits: small) == "/a/b/c xml-too-deep")
    }

    @Test func truncatedDocumentsNeverCrash() throws {
        let whole = Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <R xmlns="urn:x" v="1"><A>O&apos;Brien &#233;</A><![CDATA[x]]><!-- c --><B/></R>
            """.utf8)
        for length in 0..<whole.count {
            #expect(refusal(Array(whole[0..<length])) != "accepted", "\(length)")
        }
        #expect(refusal(whole) == "accepted")
    }

    // MARK: writing

    @Test func whatTheWriterEscapesReadsBackExactly() throws {
        let awkward = "O'Brien & \"Zoë\" <b> ]]> tab\there\r\nCR\rend 李 \u{10348}"
        #expect(XMLWriter.canCarry(awkward))
        #expect(!XMLWriter.canCarry("bell\u{07}") && !XMLWriter.canCarry("\u{FFFF}") && !XMLWriter.canCarry("nul\u{0}"))
        var writer = XMLWriter()
        writer.open("R", attributes: [("a", awkward)])
        writer.element("T", awkward)
        writer.close("R")
        let root = try XMLReader.parse(writer.bytes)
        #expect(root.attribute("a") == awkward)
        #expect(root.children.first?.text == awkward)
    }
}
