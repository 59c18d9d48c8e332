import Foundation
import HandoverModel
import Testing

/// Vectors from formats/README.md §1.1 (NHS Data Dictionary worked example, England range,
/// synthetic test range, UK Core example patients).
@Suite struct NHSNumberTests {
    @Test(arguments: ["9434765919", "4010232137", "6000000006", "9990000018", "9990000026", "9912003888", "9449305552"])
    func acceptsValidNumbers(raw: String) throws {
        #expect(try NHSNumber(validating: raw).value == raw)
    }

    @Test func workedExampleWithSpacesIsStoredWithout() throws {
        let number = try NHSNumber(validating: "943 476 5919")
        #expect(number.value == "9434765919")
        #expect(number.description == "9434765919")
        #expect(number.formatted == "943 476 5919")
        #expect(number == (try NHSNumber(validating: "9434765919")))
    }

    @Test(arguments: [
        ("9434765918", "nhs-number-check-digit"),  // wrong check digit
        ("9434765991", "nhs-number-check-digit"),  // last two digits swapped
        ("1234567890", "nhs-number-check-digit"),  // the check computes to 10: never valid
        ("943476591", "nhs-number-format"),  // 9 digits
        ("94347659190", "nhs-number-format"),  // 11 digits
        ("943-476-5919", "nhs-number-format"),
        ("94347659l9", "nhs-number-format"),  // letter l for digit 1
        ("９４３４７６５９１９", "nhs-number-format"),  // full-width digits are not ASCII
        ("", "nhs-number-format"),
        ("0000000000", "nhs-number-repdigit"),  // passes modulus 11 but is never issued
        ("1111111111", "nhs-number-repdigit"),
        ("4444444444", "nhs-number-repdigit"),
    ])
    func refusesInvalidNumbers(raw: String, rule: String) {
        let error = #expect(throws: ValidationError.self) { try NHSNumber(validating: raw, path: "/subject/nhsNumber") }
        #expect(error?.issues.count == 1)
        #expect(error?.issues.first?.rule == rule)
        #expect(error?.issues.first?.path == "/subject/nhsNumber")
        #expect(error?.issues.first?.hint.isEmpty == false)
    }

    @Test func hintsDoNotRepeatTheSubmittedNumber() {
        for raw in ["9434765918", "4444444444"] {
            let error = #expect(throws: ValidationError.self) { try NHSNumber(validating: raw) }
            #expect(error?.description.contains(raw) == false)
        }
    }

    @Test func formatHintShowsTheCanonicalForm() {
        let error = #expect(throws: ValidationError.self) { try NHSNumber(validating: "943476591") }
        #expect(error?.issues.first?.hint.contains("9434765919") == true)
    }

    @Test func codableIsASingleValidatedString() throws {
        let decoded = try JSONDecoder().decode([NHSNumber].self, from: Data(#"["943 476 5919"]"#.utf8))
        #expect(decoded.first?.value == "9434765919")
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["9434765919"]"#)
        let error = #expect(throws: ValidationError.self) {
            try JSONDecoder().decode([NHSNumber].self, from: Data(#"["9434765919","9434765918"]"#.utf8))
        }
        #expect(error?.issues.first?.path == "/1")
        #expect(error?.issues.first?.rule == "nhs-number-check-digit")
    }
}
