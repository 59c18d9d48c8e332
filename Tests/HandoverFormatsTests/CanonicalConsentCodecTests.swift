import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// The consent-grant and consent-withdrawal payloads into registry records, with every broken rule.
@Suite struct CanonicalConsentCodecTests {
    static let person = try! NHSNumber(validating: "9434765919")
    static let recording = CanonicalConsentCodec.Recording(via: "swindon-asc", at: Date(timeIntervalSince1970: 1_795_000_000))

    static func grant(_ json: String, subject: NHSNumber? = person) throws(ValidationError) -> Consent {
        try CanonicalConsentCodec.grant(json: Array(json.utf8), subject: subject, at: "/payload", recording: recording)
    }

    @Test func aGrantBecomesARecordWithItsScope() throws {
        let consent = try Self.grant(#"{"consentId":"0B6F2C1E-7D4A-4E39-9A61-3C2F8E5D1A70","givenBy":"welfare-deputy","givenByName":"A. Deputy","decidedAt":"2026-11-20T10:00:00+01:00","purposes":["chc-assessment","direct-care"],"recipients":[{"kind":"icb"},{"scheme":"gss","value":"E06000054"}],"dataCategories":["care-needs"],"validFrom":"2026-11-20","validUntil":"2027-11-19","recordedBy":"D. Okafor"}"#)
        #expect(consent.id.value == "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")
        #expect(consent.givenBy == .welfareDeputy && consent.givenByName == "A. Deputy")
        #expect(consent.purposes == [.chcAssessment, .directCare])
        #expect(consent.recipients.map(\.description) == ["kind:icb", "gss:E06000054"])
        #expect(Timestamp.format(consent.decidedAt) == "2026-11-20T09:00:00.000Z")
        #expect(consent.recordedVia == "swindon-asc")
        let json = String(decoding: CanonicalConsentCodec.json(consent), as: UTF8.self)
        #expect(json.contains(#""status":"active""#) && json.contains(#""recipients":[{"kind":"icb"},{"scheme":"gss","value":"E06000054"}]"#))
    }

    @Test func everyBrokenRuleIsReportedAtOnce() {
        #expect(throws: ValidationError.self) { try Self.grant("{}") }
        do {
            _ = try Self.grant(#"{"consentId":"nope","givenBy":"best-interests","decidedAt":"yesterday","purposes":[],"recipients":[{"scheme":"ods","value":"q"}],"dataCategories":["gossip"],"validFrom":"2026-12-01","validUntil":"2026-11-01","recordedBy":"x","colour":"blue"}"#, subject: nil)
            Issue.record("accepted")
        } catch {
            let found = Set(error.issues.map { "\($0.path) \($0.rule)" })
            for expected in [
                "/payload/consentId uuid", "/payload/givenByName required", "/payload/decidedAt date-time-format", "/payload/purposes non-empty",
                "/payload/recipients/0/value ods-format", "/payload/dataCategories/0 enum", "/payload/validUntil date-order",
                "/payload/colour unknown-field", "/subject/nhsNumber required",
            ] {
                #expect(found.contains(expected) || found.contains { $0.hasPrefix(expected.split(separator: " ")[0] + " ") }, "\(expected) in \(found)")
            }
        }
    }

    @Test func aWithdrawalNamesItsConsentUnlessThePathDoes() throws {
        let body = try #require(try? Array(#"{"withdrawnAt":"2026-11-24T09:00:00Z","reason":"changed mind","recordedBy":"D"}"#.utf8).withUnsafeBytes { try JSONParser.parse($0) })
        #expect(throws: ValidationError.self) { try CanonicalConsentCodec.withdrawal(body, at: "/payload", recording: Self.recording) }
        let known = ConsentID()
        let (id, withdrawal) = try CanonicalConsentCodec.withdrawal(body, at: "", recording: Self.recording, known: known)
        #expect(id == known && withdrawal.reason == "changed mind")
    }
}
