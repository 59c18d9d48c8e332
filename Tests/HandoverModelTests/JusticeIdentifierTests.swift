import Foundation
import HandoverModel
import Testing

/// Prisoner numbers, probation CRNs and prison agency ids (formats/README.md §1.4 and §1.6).
@Suite struct JusticeIdentifierTests {
    @Test(arguments: [("A1234BC", "A1234BC"), ("a1234bc", "A1234BC"), ("Z9999ZZ", "Z9999ZZ")])
    func acceptsPrisonerNumbersUpperCased(raw: String, stored: String) throws {
        #expect(try PrisonerNumber(validating: raw).value == stored)
    }

    @Test(arguments: ["A123BC", "A12345BC", "1234ABC", "A1234B1", "AB1234C", "A1234BCD", " A1234BC", "", "A1234BÇ"])
    func refusesMalformedPrisonerNumbers(raw: String) {
        let error = #expect(throws: ValidationError.self) { try PrisonerNumber(validating: raw, path: "/subject/prisonerNumber") }
        #expect(error?.issues.first?.rule == "prisoner-number-format")
        #expect(error?.issues.first?.path == "/subject/prisonerNumber")
        #expect(error?.issues.first?.hint.contains("A1234BC") == true)
    }

    @Test(arguments: [("X123456", "X123456"), ("x123456", "X123456")])
    func acceptsCaseReferenceNumbers(raw: String, stored: String) throws {
        #expect(try CaseReferenceNumber(validating: raw).value == stored)
    }

    @Test(arguments: ["X12345", "12345X", "XX12345", "X1234567", "A1234BC", ""])
    func refusesMalformedCaseReferenceNumbers(raw: String) {
        let error = #expect(throws: ValidationError.self) { try CaseReferenceNumber(validating: raw) }
        #expect(error?.issues.first?.rule == "crn-format")
    }

    @Test(arguments: [("MDI", "MDI"), ("LEI", "LEI"), ("lei", "LEI"), ("STC2", "STC2"), ("BMI", "BMI")])
    func acceptsPrisonAgencyIDs(raw: String, stored: String) throws {
        #expect(try PrisonAgencyID(validating: raw).value == stored)
    }

    @Test(arguments: ["L1", "LE", "LEEDS", "1EI", "LEI-", "ST2C", ""])
    func refusesMalformedPrisonAgencyIDs(raw: String) {
        let error = #expect(throws: ValidationError.self) { try PrisonAgencyID(validating: raw) }
        #expect(error?.issues.first?.rule == "prison-agency-format")
    }

    @Test func decodingValidatesAndNormalises() throws {
        let decoded = try JSONDecoder().decode([String: PrisonerNumber].self, from: Data(#"{"p":"a1234bc"}"#.utf8))
        #expect(decoded["p"]?.description == "A1234BC")
        let error = #expect(throws: ValidationError.self) {
            try JSONDecoder().decode([String: CaseReferenceNumber].self, from: Data(#"{"crn":"12345X"}"#.utf8))
        }
        #expect(error?.issues.first?.path == "/crn")
    }
}
