import Foundation
import HandoverModel
import Testing

/// Vectors from the NHS Data Dictionary worked example and shared/formats identifier tables.
@Suite struct IdentifierTests {
    @Test(arguments: ["9434765919", "4010232137", "6000000006", "9990000018", "9449305552", "943 476 5919"])
    func acceptsValidNHSNumbers(raw: String) throws {
        #expect(try NHSNumber(validating: raw).value == raw.replacingOccurrences(of: " ", with: ""))
    }

    @Test(arguments: [
        ("9434765918", "nhs-number-check-digit"),
        ("1234567890", "nhs-number-check-digit"),  // the check computes to 10: never valid
        ("943476591", "nhs-number-format"),
        ("94347659190", "nhs-number-format"),
        ("94347659l9", "nhs-number-format"),
        ("0000000000", "nhs-number-repdigit"),
        ("4444444444", "nhs-number-repdigit"),
    ])
    func refusesInvalidNHSNumbers(raw: String, rule: String) {
        let error = #expect(throws: ValidationError.self) { try NHSNumber(validating: raw, path: "/subject/nhsNumber") }
        #expect(error?.issues.first?.rule == rule)
        #expect(error?.issues.first?.path == "/subject/nhsNumber")
        #expect(error?.issues.first?.hint.isEmpty == false)
    }

    @Test func prisonAndProbationIdentifiers() throws {
        #expect(try PrisonerNumber(validating: "a1234bc").value == "A1234BC")
        #expect(throws: ValidationError.self) { try PrisonerNumber(validating: "A123BC") }
        #expect(try CaseReferenceNumber(validating: "X123456").value == "X123456")
        #expect(throws: ValidationError.self) { try CaseReferenceNumber(validating: "X12345") }
        #expect(throws: ValidationError.self) { try CaseReferenceNumber(validating: "12345X") }
        #expect(try PrisonAgencyID(validating: "lei").value == "LEI")
        #expect(try PrisonAgencyID(validating: "STC2").value == "STC2")
        #expect(throws: ValidationError.self) { try PrisonAgencyID(validating: "L1") }
    }

    @Test func organisationCodes() throws {
        #expect(try GSSCode(validating: "E06000030").hasAdultSocialCare)
        #expect(try GSSCode(validating: "E10000002").hasAdultSocialCare)
        #expect(try GSSCode(validating: "E07000223").hasAdultSocialCare == false)
        #expect(throws: ValidationError.self) { try GSSCode(validating: "E6000030") }
        #expect(try ODSCode(validating: "QOX").value == "QOX")
        #expect(throws: ValidationError.self) { try ODSCode(validating: "Q0") }
        let identifier = try OrganisationIdentifier(scheme: .ods, value: "qox")
        #expect(identifier.value == "QOX")
        let decoded = try JSONDecoder().decode(OrganisationIdentifier.self, from: Data(#"{"scheme":"gss","value":"E06000030"}"#.utf8))
        #expect(decoded.scheme == .gss)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(OrganisationIdentifier.self, from: Data(#"{"scheme":"gss","value":"QOX"}"#.utf8))
        }
    }

    @Test func mailboxesAndMessageIDs() throws {
        #expect(try MailboxID(validating: "swindon-asc").value == "swindon-asc")
        for bad in ["S", "Swindon", "-leading", "has space", String(repeating: "a", count: 64)] {
            #expect(throws: ValidationError.self, "\(bad)") { try MailboxID(validating: bad) }
        }
        let id = MessageID()
        #expect(try MessageID(validating: id.description) == id)
        #expect(id.description == id.description.lowercased())
        #expect(throws: ValidationError.self) { try MessageID(validating: "not-a-uuid") }
    }

    @Test func personCodableRoundTripValidates() throws {
        let json = #"{"nhsNumber":"9434765919","localIds":[{"system":"E06000030","value":"33"}],"name":{"family":"O'Brien","given":["Máire"]},"birthDate":"1938-07-14"}"#
        let person = try JSONDecoder().decode(Person.self, from: Data(json.utf8))
        #expect(person.nhsNumber?.value == "9434765919")
        #expect(person.hasIdentifier)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let again = try JSONDecoder().decode(Person.self, from: try encoder.encode(person))
        #expect(again == person)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(Person.self, from: Data(json.replacingOccurrences(of: "9434765919", with: "9434765918").utf8))
        }
    }

    @Test func kindsSayWhatTheyCarry() {
        #expect(!MessageKind.submittable.contains(.nonDeliveryReport))
        #expect(MessageKind.referral.carriesPersonalData)
        #expect(!MessageKind.acknowledgement.carriesPersonalData)
        #expect(MessageKind.placementReply.isReply)
        #expect(!MessageKind.placementQuery.isReply)
    }
}
