import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct ER7Tests {
    private func parse(_ text: String, limits: ER7Limits = .standard) throws -> ER7Message {
        try ER7Parser.parse(Array(text.utf8), limits: limits)
    }

    private func issues(_ bytes: [UInt8], limits: ER7Limits = .standard) -> [ValidationIssue] {
        HL7Fixtures.issues { _ = try ER7Parser.parse(bytes, limits: limits) }
    }

    private let minimal = "MSH|^~\\&|SYSTMONE|LEI^HMP LEEDS^L|CAREXGW|E06000035^LEEDS^L|20250303101500||ACK^I12^ACK|C1|P|2.4\rMSA|AA|X1\r"

    @Test func readsTheTreeAndLocations() throws {
        let message = try ER7Parser.parse(try HL7Fixtures.example("prison-hl7v2-referral-REF_I12"))
        #expect(message.delimiters == .standard)
        #expect(message.segments.map(\.name) == ["MSH", "RF1", "PRD", "PRD", "PID", "DG1", "PV1", "NTE"])
        let msh = try #require(message.first("MSH"))
        #expect(msh[1].text() == "|")
        #expect(msh[2].text() == "^~\\&")
        #expect(msh[9].text(component: 2) == "I12")
        let pid = try #require(message.first("PID"))
        #expect(pid[3].text(repetition: 2, component: 1) == "A1234BC")
        #expect(pid[3].text(repetition: 1, component: 5) == "NH")
        #expect(pid[3].text(repetition: 3) == "")
        #expect(message.segments(named: "PRD").map(\.occurrence) == [1, 2])
        #expect(ER7Location("PID", field: 3, repetition: 2, component: 1).description == "PID-3[2].1")
        #expect(ER7Location("MSH", field: 9, component: 2).description == "MSH-9.2")
        #expect(ER7Location("OBX", occurrence: 3, field: 5).description == "OBX[3]-5")
        #expect(ER7Location("PID", field: 5, repetition: 1, component: 1, subcomponent: 2).description == "PID-5[1].1.2")
    }

    @Test(arguments: HL7Fixtures.examples)
    func encodingAnExampleGivesItsBytesBack(name: String) throws {
        let bytes = try HL7Fixtures.example(name)
        #expect(ER7Encoder.encode(try ER7Parser.parse(bytes)) == bytes)
    }

    @Test func acceptsLineFeedAndCRLFAndBlankLines() throws {
        let cr = try parse(minimal)
        #expect(try parse(minimal.replacingOccurrences(of: "\r", with: "\n")) == cr)
        #expect(try parse(minimal.replacingOccurrences(of: "\r", with: "\r\n")) == cr)
        #expect(try parse(minimal.replacingOccurrences(of: "\r", with: "\r\r\n\n")) == cr)
        #expect(try parse(String(minimal.dropLast())) == cr)
    }

    @Test func readsTheDelimitersFromTheHeader() throws {
        let message = try parse("MSH#*~!@#APP#FAC*Name#R#F#20250303##ACK*I12#C1#P#2.4\rMSA#AA#a!F!b|c^d*e@f~g\r")
        #expect(message.delimiters.field == UInt8(ascii: "#"))
        let msa = try #require(message.first("MSA"))
        #expect(msa[2].repetitions.count == 2)
        #expect(msa[2].text(component: 1) == "a#b|c^d")
        #expect(msa[2].text(component: 2, subcomponent: 2) == "f")
        #expect(msa[2].text(repetition: 2) == "g")
        let reencoded = try ER7Parser.parse(ER7Encoder.encode(message))
        #expect(reencoded == message)
        #expect(issues(Array("MSH|^~\\A|X\r".utf8)).map(\.rule) == ["er7-encoding-characters"])
        #expect(issues(Array("MSH|^~\\&#|X\r".utf8)).map(\.rule) == ["er7-encoding-characters"])
        #expect(issues(Array("MSH|^^\\&|X\r".utf8)).map(\.rule) == ["er7-encoding-characters"])
    }

    @Test func decodesEscapeSequences() throws {
        let decoded = try ER7Escaping.unescape(
            "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X0D0A\\g\\.br\\h\\H\\bold\\N\\\\Xc3a9\\",
            at: ER7Location("NTE", field: 3)
        )
        #expect(decoded == "a|b^c&d~e\\f\r\ng\nhboldé")
        #expect(ER7Escaping.escape("a|b^c&d~e\\f\r\ng\t") == "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\X0D\\\\X0A\\g\\X09\\")
    }

    @Test func refusesEscapesItCannotMapExactly() {
        let at = ER7Location("NTE", field: 3)
        for raw in ["a\\.sp\\b", "\\C2842\\", "\\Zlocal\\", "\\X0\\", "\\XZZ\\", "\\X\\"] {
            let found = HL7Fixtures.issues { _ = try ER7Escaping.unescape(raw, at: at) }
            #expect(found.map(\.rule) == ["er7-escape-unsupported"], "\(raw)")
            #expect(found.first?.path == "NTE-3")
        }
        #expect(HL7Fixtures.issues { _ = try ER7Escaping.unescape("a\\F", at: at) }.map(\.rule) == ["er7-escape-unterminated"])
        #expect(HL7Fixtures.issues { _ = try ER7Escaping.unescape("\\XFF\\", at: at) }.map(\.rule) == ["er7-utf8"])
    }

    @Test func reportsSeveralValueProblemsAtOnceWithTheirLocations() {
        let text = minimal + "PID|1||\\Q\\||N\\.sp\\ME^A\r"
        let found = issues(Array(text.utf8))
        #expect(found.map(\.path) == ["PID-3[1].1.1", "PID-5[1].1.1"])
        #expect(found.map(\.rule) == ["er7-escape-unsupported", "er7-escape-unsupported"])
    }

    /// Generated values mixing apostrophes, accents, every delimiter, the escape character, line
    /// breaks and tabs survive escaping and a whole parse.
    @Test func everyStringSurvivesEncodingAndParsing() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("aZ '’-éèçñøÅßŁŠ中文😀|^~\\&\r\n\t\"#.brXF")
        for _ in 0..<300 {
            let value = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
            #expect(try ER7Escaping.unescape(ER7Escaping.escape(value), at: ER7Location("NTE", field: 3)) == value)
            var message = try parse(minimal)
            message.segments[1][3] = ER7Field(repetitions: [ER7Repetition(components: [ER7Component(subcomponents: [value, "x"])])])
            let encoded = ER7Encoder.encode(message)
            #expect(!encoded.contains { $0 < 0x20 && $0 != 0x0D })
            let reparsed = try ER7Parser.parse(encoded)
            #expect(reparsed.segments[1][3].text(subcomponent: 1) == value)
            #expect(reparsed.segments.count == 2)
        }
    }

    @Test func refusesMissingOrBrokenHeaders() {
        #expect(issues([]).map(\.rule) == ["er7-empty"])
        #expect(issues(Array("PID|1\r".utf8)).map(\.rule) == ["er7-missing-msh"])
        #expect(issues(Array("\u{FEFF}MSH|^~\\&|\r".utf8)).map(\.rule) == ["er7-missing-msh"])
        #expect(issues(Array("MSH|^~".utf8)).map(\.rule) == ["er7-truncated"])
        #expect(issues([0x0B] + Array(minimal.utf8) + [0x1C, 0x0D]).map(\.rule) == ["er7-mllp-framing"])
        #expect(issues(Array((minimal + minimal).utf8)).map(\.rule) == ["er7-multiple-messages"])
        #expect(issues(Array((minimal + "pid|1\r").utf8)).map(\.rule) == ["er7-segment-name"])
    }

    @Test func refusesControlBytesAndOtherEncodings() {
        var withNUL = Array(minimal.utf8)
        withNUL.insert(0x00, at: 20)
        #expect(issues(withNUL).map(\.rule) == ["er7-control-character"])
        var withTab = Array(minimal.utf8)
        withTab.insert(0x09, at: 20)
        #expect(issues(withTab).map(\.rule) == ["er7-control-character"])
        // "Zoë" in Latin-1: the ë is the single byte 0xEB.
        let latin1 = Array((minimal + "PID|1||X^^^L^PI||Zo").utf8) + [0xEB, 0x0D]
        let found = issues(latin1)
        #expect(found.map(\.rule) == ["er7-utf8"])
        #expect(found.map(\.path) == ["PID-5[1].1.1"])
    }

    @Test func survivesBinaryGarbageAndEveryTruncation() throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<200 {
            let junk = (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(!issues(junk).isEmpty)
            #expect(!issues(Array("MSH|^~\\&|".utf8) + junk + [0x00]).isEmpty)
        }
        let example = try HL7Fixtures.example("prison-hl7v2-transfer-ADT_A03")
        for length in 0..<example.count {
            let prefix = Array(example[0..<length])
            _ = HL7Fixtures.issues { _ = try PrisonHealthcareDecoder.decode(prefix, directory: HL7Fixtures.directory) }
        }
    }

    @Test func aTwentyMegabyteFieldFailsFastAtItsLocation() {
        let head = Array((minimal + "OBX|1|ST|X^Y^L||").utf8)
        let body = head + [UInt8](repeating: UInt8(ascii: "A"), count: 20 * 1024 * 1024) + [0x0D]
        let clock = ContinuousClock()
        var found: [ValidationIssue] = []
        let elapsed = clock.measure { found = issues(body) }
        #expect(found.map(\.rule) == ["er7-field-too-long"])
        #expect(found.map(\.path) == ["OBX-5"])
        #expect(elapsed < .seconds(1))
    }

    @Test func enforcesTheStructuralLimits() {
        let small = ER7Limits(maxFieldBytes: 64, maxSegments: 3, maxFieldsPerSegment: 20, maxValues: 40)
        #expect(issues(Array((minimal + "NTE|1\rNTE|2\r").utf8), limits: small).map(\.rule) == ["er7-too-many-segments"])
        #expect(issues(Array((minimal + "NTE" + String(repeating: "|", count: 30) + "\r").utf8), limits: small).map(\.rule) == ["er7-too-many-fields"])
        #expect(issues(Array((minimal + "NTE|" + String(repeating: "^", count: 40) + "\r").utf8), limits: small).map(\.rule) == ["er7-too-many-values"])
    }
}

/// A small deterministic generator (SplitMix64), so property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
