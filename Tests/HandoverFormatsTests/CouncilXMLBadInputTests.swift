import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Council XML that breaks the rules: every problem reported at once, located by XPath, with a
/// hint that never repeats the value sent; hostile documents refused as malformed, fast.
@Suite struct CouncilXMLBadInputTests {
    typealias F = CouncilXMLFixtures

    @Test func personAndPayloadProblemsAreReportedTogetherByXPath() throws {
        let text = try F.text("council-xml-referral")
            .replacingOccurrences(of: "9434765919", with: "9434765918")
            .replacingOccurrences(of: "1944-11-02", with: "2025-02-30")
            .replacingOccurrences(of: "<Priority>routine", with: "<Priority>whenever")
            .replacingOccurrences(of: "<ConsentRecorded>true", with: "<ConsentRecorded>yes")
            .replacingOccurrences(of: "<Gender>female</Gender>", with: "<Gender>female</Gender><Ethnicity>A</Ethnicity>")
            .replacingOccurrences(of: "<Note>", with: "<Note>first</Note><Note></Note><Note>")
            .replacingOccurrences(of: "<Reason>", with: "<ReferredOn>2025-06-01</ReferredOn><Reason>")
        let issues = F.issues { _ = try F.decode(text) }
        let pairs = Set(issues.map { "\($0.path) \($0.rule)" })
        #expect(pairs == [
            "/CareExchangeMessage/Person/NHSNumber nhs-number-check-digit",
            "/CareExchangeMessage/Person/DateOfBirth date-calendar",
            "/CareExchangeMessage/Person/Ethnicity unknown-field",
            "/CareExchangeMessage/Referral/Priority enum",
            "/CareExchangeMessage/Referral/ConsentRecorded type",
            "/CareExchangeMessage/Referral/Note[2] non-empty",
            "/CareExchangeMessage/Referral/ReferredOn[2] max-occurs",
        ])
        #expect(issues.allSatisfy { !$0.hint.isEmpty && !$0.hint.contains("9434765918") && !$0.hint.contains("whenever") })
    }

    @Test func headerProblemsAreReportedTogether() throws {
        let text = try F.text("council-xml-referral")
            .replacingOccurrences(of: "<GSSCode>E06000054</GSSCode>", with: "<GSSCode>E06000099</GSSCode>")
            .replacingOccurrences(of: "<Purpose>care-act-assessment</Purpose>", with: "")
            .replacingOccurrences(of: "<Article6>6(1)(e)</Article6>", with: "<Article6>6(1)(a)</Article6><ConsentRef>x</ConsentRef>")
            .replacingOccurrences(of: "+01:00</Created>", with: "</Created>")
            .replacingOccurrences(of: "version=\"1.0\">", with: "version=\"2.0\" lang=\"en\">")
        let pairs = Set(F.pairs { _ = try F.decode(text) })
        #expect(pairs == [
            "/CareExchangeMessage/@version xml-format-version",
            "/CareExchangeMessage/@lang unknown-field",
            "/CareExchangeMessage/Header/Recipient/GSSCode xml-recipient-unknown",
            "/CareExchangeMessage/Header/Purpose required",
            "/CareExchangeMessage/Header/LegalBasis/Statute basis-exclusive",
            "/CareExchangeMessage/Header/LegalBasis/Article6 basis-exclusive",
            "/CareExchangeMessage/Header/LegalBasis/Article9 basis-exclusive",
            "/CareExchangeMessage/Header/LegalBasis/ConsentRef uuid",
            "/CareExchangeMessage/Header/Created date-time-format",
        ])
    }

    @Test func theKindDecidesWhatMustBeThere() throws {
        let mismatch = try F.text("council-xml-referral").replacingOccurrences(of: "<MessageType>referral", with: "<MessageType>placement-query")
        #expect(F.pairs { _ = try F.decode(mismatch) } == ["/CareExchangeMessage/Referral xml-message-type"])
        let noPerson = try F.text("council-xml-s117-query").replacingOccurrences(of: #"<Person>[\s\S]*</Person>"#, with: "", options: .regularExpression)
        #expect(F.pairs { _ = try F.decode(noPerson) } == ["/CareExchangeMessage/Person required"])
        let noReply = try F.text("council-xml-placement-reply").replacingOccurrences(of: #"<InReplyTo>[^<]*</InReplyTo>"#, with: "", options: .regularExpression)
        #expect(F.pairs { _ = try F.decode(noReply) } == ["/CareExchangeMessage/Header/InReplyTo required"])
        let noStage = try F.text("council-xml-continuity-of-care-transfer").replacingOccurrences(of: "<Stage>information-pack</Stage>", with: "")
        #expect(F.pairs { _ = try F.decode(noStage) } == ["/CareExchangeMessage/ContinuityOfCareTransfer/Stage required"])
        let twoBodies = try F.text("council-xml-acknowledgement").replacingOccurrences(of: "</cx:CareExchangeMessage>", with: "<cx:Acknowledgement><cx:Outcome>error</cx:Outcome></cx:Acknowledgement></cx:CareExchangeMessage>")
        #expect(F.pairs { _ = try F.decode(twoBodies) } == ["/CareExchangeMessage/Acknowledgement[2] max-occurs"])
        let noBody = try F.text("council-xml-acknowledgement").replacingOccurrences(of: #"<cx:Acknowledgement>[\s\S]*</cx:Acknowledgement>"#, with: "", options: .regularExpression)
        #expect(F.pairs { _ = try F.decode(noBody) } == ["/CareExchangeMessage xml-message-body"])
        let unknownKind = try F.text("council-xml-acknowledgement").replacingOccurrences(of: ">acknowledgement<", with: ">decision-notice<")
        #expect(F.pairs { _ = try F.decode(unknownKind) } == ["/CareExchangeMessage/Header/MessageType enum"])
    }

    @Test func identifiersAndOrganisationsAreValidated() throws {
        let text = try F.text("council-xml-s117-reply")
            .replacingOccurrences(of: "<ODSCode>QOX</ODSCode>", with: "<ODSCode>Q</ODSCode><GSSCode>E06000030</GSSCode>")
            .replacingOccurrences(of: "<NHSNumber>4010232137</NHSNumber>", with: "<NHSNumber>4444444444</NHSNumber><PrisonerNumber>A123BC</PrisonerNumber><LocalPersonId>1</LocalPersonId>")
            .replacingOccurrences(of: "<ResponsibleAuthority><GSSCode>E06000030</GSSCode>", with: "<ResponsibleAuthority><GSSCode>E6000030</GSSCode>")
        let pairs = Set(F.pairs { _ = try F.decode(text) })
        #expect(pairs == [
            "/CareExchangeMessage/Person/NHSNumber nhs-number-repdigit",
            "/CareExchangeMessage/Person/PrisonerNumber prisoner-number-format",
            "/CareExchangeMessage/Person/LocalPersonId[1]/@system required",
            "/CareExchangeMessage/S117Reply/ResponsibleAuthority/GSSCode gss-format",
            "/CareExchangeMessage/S117Reply/ResponsibleIcb xml-choice",
        ])
        let noIdentifier = try F.text("council-xml-s117-reply").replacingOccurrences(of: "<NHSNumber>4010232137</NHSNumber>", with: "")
        #expect(F.pairs { _ = try F.decode(noIdentifier) } == ["/CareExchangeMessage/Person person-identifier"])
    }

    @Test func structureProblemsAreNamed() throws {
        let wrongNamespace = try F.text("council-xml-referral").replacingOccurrences(of: "urn:care-exchange:la:1.0", with: "urn:other")
        #expect(F.pairs { _ = try F.decode(wrongNamespace) } == ["/CareExchangeMessage xml-root"])
        let foreignChild = try F.text("council-xml-referral").replacingOccurrences(of: "<Title>Mrs</Title>", with: "<Title xmlns=\"urn:other\">Mrs</Title>")
        #expect(F.pairs { _ = try F.decode(foreignChild) } == ["/CareExchangeMessage/Person/Title xml-namespace"])
        let mixed = try F.text("council-xml-referral").replacingOccurrences(of: "<Person>", with: "<Person>stray text")
        #expect(F.pairs { _ = try F.decode(mixed) } == ["/CareExchangeMessage/Person xml-mixed-content"])
        let nested = try F.text("council-xml-referral").replacingOccurrences(of: "<Title>Mrs</Title>", with: "<Title><B>Mrs</B></Title>")
        #expect(F.pairs { _ = try F.decode(nested) } == ["/CareExchangeMessage/Person/Title type"])
        let attribute = try F.text("council-xml-referral").replacingOccurrences(of: "<Title>", with: "<Title lang=\"en\">")
        #expect(F.pairs { _ = try F.decode(attribute) } == ["/CareExchangeMessage/Person/Title/@lang unknown-field"])
        let tooLong = try F.text("council-xml-referral").replacingOccurrences(of: "SBC-REF-2025-000733", with: String(repeating: "R", count: 129))
        #expect(F.pairs { _ = try F.decode(tooLong) } == ["/CareExchangeMessage/Referral/ReferralId max-length"])
    }

    @Test func whitespaceAroundCodesIsCollapsedButTextIsKept() throws {
        let text = try F.text("council-xml-referral")
            .replacingOccurrences(of: "<Priority>routine</Priority>", with: "<Priority>\n  routine\n</Priority>")
            .replacingOccurrences(of: "<Role>Senior social worker</Role>", with: "<Role> Senior social worker </Role>")
        let payload = try F.payload(try F.decode(text).submission)
        #expect(payload["priority"] == .string("routine"))
        #expect(payload["requestedBy"]?["role"] == .string(" Senior social worker "))
    }

    // MARK: hostile and broken bytes

    @Test func hostileDocumentsAreMalformedAndFast() throws {
        let codec = CouncilXMLCodec()
        let body = try F.text("council-xml-referral")
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 { laughs += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">" }
        laughs += "]><CareExchangeMessage xmlns=\"urn:care-exchange:la:1.0\" version=\"1.0\">&lol9;</CareExchangeMessage>"
        var cases: [(String, [UInt8], String)] = [
            ("xxe", Array(body.replacingOccurrences(of: "<CareExchangeMessage", with: "<!DOCTYPE CareExchangeMessage [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<CareExchangeMessage").replacingOccurrences(of: "Mrs", with: "&xxe;").utf8), "xml-doctype"),
            ("parameter entity", Array(body.replacingOccurrences(of: "<CareExchangeMessage", with: "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://example.invalid/p.dtd\"> %p;]><CareExchangeMessage").utf8), "xml-doctype"),
            ("billion laughs", Array(laughs.utf8), "xml-doctype"),
            ("undeclared entity", Array(body.replacingOccurrences(of: "Mrs", with: "&xxe;").utf8), "xml-entity"),
            ("deep nesting", Array((String(repeating: "<Note>", count: 50_000) + String(repeating: "</Note>", count: 50_000)).utf8), "xml-too-deep"),
            ("unclosed", Array(body.dropLast(30).utf8), "xml-unclosed-element"),
            ("mismatched", Array(body.replacingOccurrences(of: "</Title>", with: "</Titel>").utf8), "xml-mismatched-tag"),
            ("duplicate attribute", Array(body.replacingOccurrences(of: "version=\"1.0\">", with: "version=\"1.0\" version=\"1.0\">").utf8), "xml-duplicate-attribute"),
            ("illegal character", Array(body.replacingOccurrences(of: "Mrs", with: "M\u{01}rs").utf8), "xml-illegal-character"),
            ("latin-1", Array(body.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"").utf8), "xml-encoding"),
            ("invalid utf-8", Array(body.utf8).map { $0 == UInt8(ascii: "M") ? 0xC3 : $0 }, "xml-utf8"),
            ("utf-16", [0xFF, 0xFE] + body.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "xml-encoding"),
            ("processing instruction", Array(body.replacingOccurrences(of: "<Person>", with: "<?evil x?><Person>").utf8), "xml-processing-instruction"),
            ("empty", [], "xml-empty"),
        ]
        var garbage = SeededGenerator(seed: 7)
        cases.append(("binary garbage", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &garbage) }, ""))
        var huge = Array(body.replacingOccurrences(of: "<Title>Mrs</Title>", with: "<Title>").utf8)
        let cut = try #require(huge.firstIndex(of: UInt8(ascii: "<"), after: "<Title>"))
        huge.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "x"), count: 20_000_000), at: cut)
        cases.append(("20 MB text node", huge, "xml-text-too-long"))
        for (name, bytes, rule) in cases {
            let started = Date()
            let issues = F.issues { _ = try CouncilXMLDecoder.decode(bytes, directory: F.directory) }
            #expect(issues.count == 1, "\(name)")
            #expect(issues.allSatisfy { codec.malformedRules.contains($0.rule) }, "\(name): \(issues)")
            if !rule.isEmpty { #expect(issues.map(\.rule) == [rule], "\(name)") }
            #expect(Date().timeIntervalSince(started) < 1, "\(name)")
        }
    }

    @Test func everyTruncationOfAnExampleIsRefusedWithoutCrashing() throws {
        let whole = try F.example("council-xml-consent-grant")
        for length in stride(from: 0, to: whole.count - 1, by: 7) {
            #expect(!F.issues { _ = try F.decode(Array(whole[0..<length])) }.isEmpty, "\(length)")
        }
    }

    // MARK: encoder refusals

    @Test func theEncoderRefusesOnlyWhatCannotBeWritten() throws {
        let input = try F.message(fromJSON: try F.bytes("golden/council-xml-continuity-of-care-transfer.canonical.json"))
        var submission = input.submission
        submission.kind = .decisionNotice
        #expect(F.pairs { _ = try CouncilXMLEncoder.encode(submission, header: input.header) } == ["/kind xml-unsupported-kind"])
        submission = input.submission
        submission.payload = Array(#"{"stage":"halfway","trigger":"prison-release"}"#.utf8)
        submission.subject = nil
        #expect(Set(F.pairs { _ = try CouncilXMLEncoder.encode(submission, header: input.header) }) == ["/subject required", "/payload/stage required"])
        submission.payload = Array("[1]".utf8)
        #expect(F.pairs { _ = try CouncilXMLEncoder.encode(submission, header: input.header) } == ["/payload type"])
        let ack = try F.message(fromJSON: try F.bytes("golden/council-xml-acknowledgement.canonical.json"))
        submission = ack.submission
        submission.inReplyTo = nil
        submission.conversationId = nil
        #expect(F.pairs { _ = try CouncilXMLEncoder.encode(submission, header: ack.header) } == ["/conversationId required"])
    }
}

extension Array where Element == UInt8 {
    /// The index of `byte` after the first occurrence of `marker`.
    func firstIndex(of byte: UInt8, after marker: String) -> Int? {
        let pattern = Array(marker.utf8)
        guard let start = indices.first(where: { self[$0...].starts(with: pattern) }) else { return nil }
        return self[(start + pattern.count)...].firstIndex(of: byte)
    }
}
