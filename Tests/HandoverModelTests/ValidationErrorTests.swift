import Foundation
import HandoverModel
import Testing

/// Errors carry every issue, each located and explained.
@Suite struct ValidationErrorTests {
    @Test func describesEachIssue() {
        let error = ValidationError([
            ValidationIssue(path: "/subject/nhsNumber", rule: "nhs-number-check-digit", hint: "check the number"),
            ValidationIssue(path: "", rule: "type", hint: "send a JSON object"),
        ])
        #expect(error.issues.count == 2)
        #expect(error.description == "/subject/nhsNumber: nhs-number-check-digit: check the number; (document): type: send a JSON object")
        #expect(ValidationError(path: "/kind", rule: "enum", hint: "send one of referral, ...").issues
            == [ValidationIssue(path: "/kind", rule: "enum", hint: "send one of referral, ...")])
    }

    @Test func issuesAreJSONObjects() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let issue = ValidationIssue(path: "/recipient", rule: "mailbox-format", hint: "e.g. swindon-asc")
        let json = String(decoding: try encoder.encode(issue), as: UTF8.self)
        #expect(json == #"{"hint":"e.g. swindon-asc","path":"/recipient","rule":"mailbox-format"}"#)
        #expect(try JSONDecoder().decode(ValidationIssue.self, from: Data(json.utf8)) == issue)
    }

    @Test func rulesAreKebabCase() {
        let attempts: [() throws -> Void] = [
            { _ = try NHSNumber(validating: "1") }, { _ = try PrisonerNumber(validating: "1") },
            { _ = try CaseReferenceNumber(validating: "1") }, { _ = try GSSCode(validating: "1") },
            { _ = try ODSCode(validating: "1") }, { _ = try PrisonAgencyID(validating: "1") },
            { _ = try MailboxID(validating: "1") }, { _ = try MessageID(validating: "1") },
            { _ = try CalendarDate(validating: "1") }, { _ = try Timestamp.parse("1") },
        ]
        for attempt in attempts {
            let error = #expect(throws: ValidationError.self) { try attempt() }
            let rule = error?.issues.first?.rule ?? ""
            #expect(!rule.isEmpty && rule.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(rule)")
        }
    }
}
