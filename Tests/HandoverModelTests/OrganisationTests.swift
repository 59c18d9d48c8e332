import Foundation
import HandoverModel
import Testing

/// GSS and ODS codes and organisation identifiers (formats/README.md §1.2, §1.3 and §1.6).
@Suite struct OrganisationTests {
    @Test(arguments: [
        ("E06000030", true),  // Swindon, unitary
        ("E08000035", true),  // Leeds, metropolitan district
        ("E09000002", true),  // Barking and Dagenham, London borough
        ("E10000002", true),  // Buckinghamshire, county
        ("W06000015", true),  // Cardiff, Welsh unitary
        ("E07000223", false),  // a district: no adult social care
        ("E54000040", false),  // an ICB's GSS code
        ("S12000033", false),
        ("e06000054", true),  // lower case is upper-cased
    ])
    func gssCodesSayWhetherTheBodyHasAdultSocialCare(raw: String, hasAdultSocialCare: Bool) throws {
        let code = try GSSCode(validating: raw)
        #expect(code.value == raw.uppercased())
        #expect(code.hasAdultSocialCare == hasAdultSocialCare)
    }

    @Test(arguments: ["E6000030", "X06000030", "E0600003O", "E060000300", "E06 000030", ""])
    func refusesMalformedGSSCodes(raw: String) {
        let error = #expect(throws: ValidationError.self) { try GSSCode(validating: raw) }
        #expect(error?.issues.first?.rule == "gss-format")
    }

    @Test(arguments: [("QOX", "QOX"), ("qox", "QOX"), ("92G", "92G"), ("RN3", "RN3"), ("RR8", "RR8"), ("L83043", "L83043"), ("Y58", "Y58"), ("X26", "X26")])
    func acceptsODSCodes(raw: String, stored: String) throws {
        #expect(try ODSCode(validating: raw).value == stored)
    }

    @Test(arguments: ["Q0", "L830430", "RN3-1", "R N3", ""])
    func refusesMalformedODSCodes(raw: String) {
        let error = #expect(throws: ValidationError.self) { try ODSCode(validating: raw) }
        #expect(error?.issues.first?.rule == "ods-format")
    }

    @Test func identifiersAreValidatedByTheirScheme() throws {
        #expect(try OrganisationIdentifier(scheme: .ods, value: "qox").value == "QOX")
        #expect(try OrganisationIdentifier(scheme: .gss, value: "E06000030").value == "E06000030")
        #expect(try OrganisationIdentifier(scheme: .prisonAgency, value: "lei").value == "LEI")
        let cases: [(OrganisationIdentifierScheme, String, String)] = [
            (.gss, "QOX", "gss-format"), (.ods, "E06000030", "ods-format"), (.prisonAgency, "E06000030", "prison-agency-format"),
        ]
        for (scheme, value, rule) in cases {
            let error = #expect(throws: ValidationError.self) { try OrganisationIdentifier(scheme: scheme, value: value, path: "/identifier") }
            #expect(error?.issues.first?.rule == rule)
            #expect(error?.issues.first?.path == "/identifier/value")
        }
    }

    @Test func identifierJSONIsSchemeAndValue() throws {
        let decoded = try JSONDecoder().decode(OrganisationIdentifier.self, from: Data(#"{"scheme":"gss","value":"e06000030"}"#.utf8))
        #expect(decoded.scheme == .gss)
        #expect(decoded.value == "E06000030")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == #"{"scheme":"gss","value":"E06000030"}"#)
        let error = #expect(throws: ValidationError.self) {
            try JSONDecoder().decode(OrganisationIdentifier.self, from: Data(#"{"scheme":"gss","value":"QOX"}"#.utf8))
        }
        #expect(error?.issues.first?.path == "/value")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OrganisationIdentifier.self, from: Data(#"{"scheme":"ons","value":"E06000030"}"#.utf8))
        }
    }

    @Test func organisationsRoundTripAndLocateErrors() throws {
        let swindon = Organisation(
            kind: .localAuthority,
            identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000030"),
            name: "Swindon Borough Council"
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(swindon), as: UTF8.self)
        #expect(json == #"{"identifier":{"scheme":"gss","value":"E06000030"},"kind":"local-authority","name":"Swindon Borough Council"}"#)
        #expect(try JSONDecoder().decode(Organisation.self, from: Data(json.utf8)) == swindon)
        let error = #expect(throws: ValidationError.self) {
            try JSONDecoder().decode(Organisation.self, from: Data(json.replacingOccurrences(of: "E06000030", with: "E6000030").utf8))
        }
        #expect(error?.issues.first?.path == "/identifier/value")
    }

    @Test func wireNamesAreKebabCase() {
        #expect(OrganisationKind.allCases.map(\.rawValue) == ["local-authority", "icb", "nhs-trust", "prison", "probation", "nhs-england"])
        #expect(OrganisationIdentifierScheme.allCases.map(\.rawValue) == ["gss", "ods", "prison-agency"])
    }
}
