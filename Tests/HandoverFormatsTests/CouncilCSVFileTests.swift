import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Council CSV files as a whole: the mapping of rows, whole-file refusal located by row and
/// column, the header, line ends and the byte order mark, and both round trips.
@Suite struct CouncilCSVFileTests {
    let codec = CouncilCSVCodec()
    static let names = CouncilCSVFileTests.header()

    static func header() -> [String] {
        let text = String(decoding: (try? CouncilCSVCodecTests.example("council-csv-placements")) ?? [], as: UTF8.self)
        return text.split(separator: "\r\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
    }

    /// A file of the header and `rows`, each given as column name to cell, with CRLF line ends.
    static func file(_ rows: [[String: String]], lineEnd: String = "\r\n") -> [UInt8] {
        var writer = CSVWriter(byteOrderMark: false)
        writer.record(names)
        for row in rows { writer.record(names.map { row[$0] ?? "" }) }
        return Array(String(decoding: writer.bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: lineEnd).utf8)
    }

    static let query: [String: String] = [
        "record_type": "placement-query", "message_id": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c50", "local_authority_gss": "E06000030",
        "counterparty_code": "E06000054", "purpose": "placement-commissioning", "statute": "care-act-2014-s6", "article6": "6(1)(e)",
        "article9": "9(2)(h)", "local_person_id": "1048578", "nhs_number": "9434765919", "family_name": "O'Neill", "given_names": "Bridget",
        "date_of_birth": "1944-11-02", "provider_name": "Kennet View", "care_type": "nursing",
    ]

    func decode(_ bytes: [UInt8], as sender: String = "swindon-asc") throws -> [TranslatedSubmission] {
        try codec.decode(bytes, context: CouncilFixtures.context(sender))
    }

    func pairs(_ bytes: [UInt8], as sender: String = "swindon-asc") -> Set<String> {
        CouncilFixtures.pairs { _ = try decode(bytes, as: sender) }
    }

    @Test func theHeaderOfTheExamplesIsTheColumnSpecification() throws {
        let spec = try CouncilFixtures.parse(try CouncilFixtures.bytes(CouncilFixtures.csvFolder, "columns.json"))
        guard case .array(let columns)? = spec["columns"] else { Issue.record("no columns"); return }
        #expect(columns.compactMap { if case .string(let name)? = $0["name"] { name } else { nil } } == Self.names)
        #expect(Self.names.count == 46)
    }

    @Test func rowsMapToTheCanonicalModel() throws {
        let rows = try decode(try CouncilCSVCodecTests.example("council-csv-placements"))
        #expect(rows.map(\.kind) == [.placementQuery, .placementQuery, .placementReply])
        #expect(rows.map(\.recipient.value) == ["wiltshire-asc", "banes-asc", "wiltshire-asc"])
        #expect(rows[0].subject?.name == PersonName(family: "O'Neill", given: ["Bridget", "Mary"]))
        #expect(rows[1].lawfulBasis == .consent(try ConsentID(validating: "c0ffee00-1111-4222-8333-444455556667")))
        #expect(rows[2].subject?.localIds == [LocalPersonID(system: "E06000054", value: "7700211")])
        #expect(rows[2].conversationId?.value == "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d09")
        let query = try CouncilFixtures.parse(rows[0].payload)
        #expect(query["provider"]?["name"] == .string("Kennet View Nursing Home, \"The Lodge\""))
        #expect(query["questions"] == .array([.string("existing-contract"), .string("relevant-costs"), .string("third-party-top-ups")]))
        let reply = try CouncilFixtures.parse(rows[2].payload)
        #expect(reply["weeklyCostPence"] == .number("98000"))
        #expect(reply["existingContract"] == .bool(true))
        #expect(reply["safeguardingConcerns"] == .string("No open enquiries.\nLast CQC inspection: good (2025)."))
        #expect(rows[2].locations == SubmissionLocations(recipient: "row 4, column counterparty_code", conversation: "row 4, column correlation_id"))
        let register = try decode(try CouncilCSVCodecTests.example("council-csv-s117-register"))
        #expect(try CouncilFixtures.parse(register[0].payload)["addressBeforeDetention"]?["lines"] == .array([.string("Flat 4"), .string("21 Example Street")]))
    }

    @Test func lineFeedsAByteOrderMarkAndNoFinalLineBreakReadTheSame() throws {
        let crlf = try decode(Self.file([Self.query]))
        #expect(try decode(Self.file([Self.query], lineEnd: "\n")) == crlf)
        #expect(try decode([0xEF, 0xBB, 0xBF] + Self.file([Self.query])) == crlf)
        #expect(try decode(Array(Self.file([Self.query]).dropLast(2))) == crlf)
    }

    /// One bad row refuses the whole file, and every row's problems are listed.
    @Test func anInvalidRowRefusesTheWholeFileWithEveryRowsErrors() throws {
        var second = Self.query
        second["message_id"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c51"
        second["nhs_number"] = "9434765918"
        second["date_of_birth"] = "2025-02-30"
        var third = Self.query
        third["message_id"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c50"
        third["care_type"] = "hospice"
        third["weekly_cost_pence"] = "100"
        third["counterparty_code"] = "E06000099"
        var fourth = Self.query
        fourth["message_id"] = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c53"
        fourth["local_person_id"] = nil
        fourth["nhs_number"] = nil
        fourth["provider_name"] = nil
        fourth["consent_id"] = "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70"
        let found = CouncilFixtures.issues { _ = try decode(Self.file([Self.query, second, third, fourth])) }
        #expect(Set(found.map { "\($0.path) \($0.rule)" }) == [
            "row 3, column nhs_number nhs-number-check-digit", "row 3, column date_of_birth date-calendar",
            "row 4, column message_id duplicate-message-id", "row 4, column care_type enum",
            "row 4, column weekly_cost_pence csv-column-not-applicable", "row 4, column counterparty_code unknown-recipient",
            "row 5, column statute basis-exclusive", "row 5, column article6 basis-exclusive", "row 5, column article9 basis-exclusive",
            "row 5 person-identifier", "row 5, column provider_name required",
        ])
        #expect(found.allSatisfy { !$0.hint.contains("9434765918") && !$0.hint.contains("hospice") })
    }

    @Test func structuralProblemsAreMalformedAndLocated() throws {
        var text = String(decoding: Self.file([Self.query, Self.query]), as: UTF8.self)
        text = text.replacingOccurrences(of: "O'Neill", with: "O\"Neill")
        let lines = text.components(separatedBy: "\r\n")
        let short = lines[0] + "\r\n" + lines[1] + "\r\n" + lines[2].components(separatedBy: ",").dropLast().joined(separator: ",") + "\r\n"
        let found = CouncilFixtures.issues { _ = try decode(Array(short.utf8)) }
        #expect(found.map { "\($0.path) \($0.rule)" } == ["row 2, column family_name csv-bare-quote", "row 3, column family_name csv-bare-quote", "row 3 csv-column-count"])
        #expect(found.allSatisfy { codec.malformedRules.contains($0.rule) })
        #expect(pairs([]) == [" csv-empty"])
        #expect(pairs(Array((Self.names.joined(separator: ",") + "\r\n").utf8)) == [" csv-empty"])
        var renamed = Self.names
        renamed[3] = "placing_la_gss"
        #expect(pairs(Array((renamed.joined(separator: ",") + "\r\n").utf8) + Self.file([Self.query]).drop { $0 != 0x0A }.dropFirst()) == ["row 1, column 4 csv-header"])
        #expect(pairs(Array("record_type,message_id\r\nx,y\r\n".utf8)) == ["row 1, column 3 csv-header"])
    }

    @Test func formulasAreNeutralisedOnEncodeAndKeptOnDecode() throws {
        var message = try CouncilCSVCodecTests.delivery("deliver-placement-reply")
        message.payload = Array(#"{"contractReference":"=HYPERLINK(\"http://x\",\"y\")","safeguardingConcerns":"@SUM(1+1)","existingContract":true}"#.utf8)
        message.envelope.subject?.name = PersonName(family: "+Smith", given: ["-Ann"])
        let output = try codec.encode(message)
        let text = String(decoding: output.bytes, as: UTF8.self)
        #expect(text.contains(#""'=HYPERLINK(""http://x"",""y"")""#))
        #expect(text.contains(",'@SUM(1+1),"))
        #expect(text.contains(",'+Smith,'-Ann,"))
        let back = try decode(output.bytes)[0]
        #expect(back.subject?.name == PersonName(family: "'+Smith", given: ["'-Ann"]))
        #expect(try CouncilFixtures.parse(back.payload)["contractReference"] == .string("'=HYPERLINK(\"http://x\",\"y\")"))
    }

    @Test func theEncoderRefusesKindsWithoutRowsAndLocatesBatchProblems() throws {
        let referral = try CouncilJSONCodecTests.delivery("deliver-referral-prison-arrival")
        #expect(CouncilFixtures.pairs { _ = try codec.encode(referral) } == ["/kind csv-unsupported-kind"])
        var broken = try CouncilCSVCodecTests.delivery("deliver-s117-reply")
        broken.payload = Array(#"{"responsibleIcb":{"scheme":"ods","value":"Q"},"effectiveFrom":"2026-13-01"}"#.utf8)
        let good = try CouncilCSVCodecTests.delivery("deliver-s117-query")
        #expect(CouncilFixtures.pairs { _ = try codec.encode(batch: [good, broken, referral]) } == [
            "/1/payload/accepts required", "/1/payload/responsibleIcb/value ods-format", "/1/payload/effectiveFrom date-calendar", "/2/kind csv-unsupported-kind",
        ])
        var named = try CouncilCSVCodecTests.delivery("deliver-s117-reply")
        named.payload = Array(#"{"accepts":true,"responsibleAuthority":{"scheme":"ods","value":"QOX"},"responsibleIcb":{"scheme":"ods","value":"QOX","name":"BSW"},"notes":["n"]}"#.utf8)
        let output = try codec.encode(batch: [good, named])
        #expect(Set(output.dropped.map(\.location)) == [
            "/0/payload/subjectDetails/nhsNumberVerificationStatus", "/0/payload/detainingHospital/name", "/0/senderLocalId",
            "/1/payload/responsibleAuthority/scheme",
            "/1/payload/responsibleAuthority/value", "/1/payload/responsibleIcb/name", "/1/payload/notes/0",
        ])
    }

    /// Council CSV to canonical, delivered back to the same council and read again.
    @Test(arguments: CouncilCSVCodecTests.examples)
    func csvToCanonicalToCSVPreservesMeaning(name: String) throws {
        let first = try decode(try CouncilCSVCodecTests.example(name))
        var messages: [OutboundMessage] = []
        for submission in first {
            var message = CouncilFixtures.outbound(submission, from: submission.recipient.value)
            message.envelope.recipient = CouncilFixtures.mailbox("swindon-asc")
            message.recipientOrganisation = CouncilFixtures.organisation("swindon-asc")
            messages.append(message)
        }
        let output = try codec.encode(batch: messages)
        #expect(output.dropped.map(\.location) == messages.indices.map { "/\($0)/senderLocalId" })
        let second = try decode(output.bytes)
        #expect(second.map(\.recipient) == first.map(\.recipient))
        #expect(second.map(\.kind) == first.map(\.kind))
        #expect(second.map(\.subject) == first.map(\.subject))
        #expect(second.map(\.conversationId) == first.map(\.conversationId))
        #expect(second.map(\.lawfulBasis) == first.map(\.lawfulBasis))
        #expect(second.map(\.payload) == first.map(\.payload))
    }

    /// Canonical to CSV and back: everything a row carries comes back.
    @Test(arguments: CouncilCSVCodecTests.deliveries)
    func canonicalToCSVToCanonicalLosesNothingARowCanCarry(name: String) throws {
        let input = try CouncilCSVCodecTests.delivery(name)
        let output = try codec.encode(input)
        let back = try decode(output.bytes, as: input.envelope.recipient.value)[0]
        #expect(back.recipient == input.envelope.sender)
        #expect(back.subject == input.envelope.subject)
        #expect(back.lawfulBasis == input.envelope.lawfulBasis)
        #expect(back.conversationId == input.envelope.conversationId)
        var expected = try CouncilFixtures.parse(input.payload)
        for dropped in output.dropped where dropped.location.hasPrefix("/payload/") {
            expected = CouncilCSVFileTests.removing(expected, dropped.location.dropFirst("/payload/".count).split(separator: "/").map(String.init)) ?? .object([])
        }
        let decoded = try CouncilFixtures.parse(back.payload)
        #expect(CouncilFixtures.same(decoded, CouncilCSVFileTests.formulaSafe(expected)))
    }

    /// `value` without the member or item at `path`; a container left empty goes too.
    static func removing(_ value: JSONValue, _ path: [String]) -> JSONValue? {
        guard let key = path.first else { return nil }
        switch value {
        case .object(var members):
            guard let index = members.firstIndex(where: { $0.0 == key }) else { return value }
            if let rest = removing(members[index].1, Array(path.dropFirst())) { members[index].1 = rest } else { members.remove(at: index) }
            return members.isEmpty ? nil : .object(members)
        case .array(var items):
            guard let index = Int(key), items.indices.contains(index) else { return value }
            if let rest = removing(items[index], Array(path.dropFirst())) { items[index] = rest } else { items.remove(at: index) }
            return items.isEmpty ? nil : .array(items)
        default:
            return value
        }
    }

    /// `value` as it comes back from a CSV file: text starting with a formula character gains its quote.
    static func formulaSafe(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): .string(CSVWriter.startsFormula(text.utf8.first) ? "'" + text : text)
        case .array(let items): .array(items.map(formulaSafe))
        case .object(let members): .object(members.map { ($0.0, formulaSafe($0.1)) })
        default: value
        }
    }
}
