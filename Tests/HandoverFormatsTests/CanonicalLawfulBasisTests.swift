import HandoverFormats
import HandoverModel
import Testing

/// The canonical `lawfulBasis`: a consent reference or a statute with both UK GDPR conditions,
/// refused with a located rule for anything else, and its text form for the store and the log.
@Suite struct CanonicalLawfulBasisTests {
    private func decode(_ basis: String) -> (CanonicalSubmission?, [ValidationIssue]) {
        let text = #"{"recipient":"leeds-asc","kind":"referral","purpose":"safeguarding","subject":{"crn":"X123456","name":{"family":"Roe"},"birthDate":"1970-01-01"},"lawfulBasis":"# + basis + #","payload":{}}"#
        let bytes = Array(text.utf8)
        do {
            return (try bytes.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) }, [])
        } catch {
            return (nil, (error as? ValidationError)?.issues ?? [])
        }
    }

    @Test func decodesBothFormsAndWritesThemBack() throws {
        let (statutory, _) = decode(#"{"statute":"care-act-2014-s42","article6":"6(1)(e)","article9":"9(2)(g)"}"#)
        let expected = LawfulBasis.statutory(StatutoryBasis(statute: .careAct2014s42, article6: .publicTask, article9: .substantialPublicInterest))
        #expect(statutory?.lawfulBasis == expected)
        #expect(String(decoding: CanonicalLawfulBasisCodec.json(expected), as: UTF8.self)
            == #"{"statute":"care-act-2014-s42","article6":"6(1)(e)","article9":"9(2)(g)"}"#)

        let (consented, _) = decode(#"{"consentId":"0B6F2C1E-7D4A-4E39-9A61-3C2F8E5D1A70"}"#)
        let consent = try #require(consented?.lawfulBasis)
        #expect(consent.consentID?.value == "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")
        #expect(String(decoding: CanonicalLawfulBasisCodec.json(consent), as: UTF8.self) == #"{"consentId":"0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70"}"#)
    }

    @Test(arguments: [
        (#"{"consentId":"not-a-uuid"}"#, "/lawfulBasis/consentId", "uuid"),
        (#"{"consentId":"0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70","statute":"care-act-2014-s42"}"#, "/lawfulBasis/statute", "basis-exclusive"),
        (#"{}"#, "/lawfulBasis", "basis-required"),
        (#"{"statute":"care-act-1990","article6":"6(1)(e)","article9":"9(2)(h)"}"#, "/lawfulBasis/statute", "enum"),
        (#"{"statute":"care-act-2014-s42","article6":"6(1)(a)","article9":"9(2)(h)"}"#, "/lawfulBasis/article6", "enum"),
        (#"{"statute":"care-act-2014-s42","article6":"6(1)(e)"}"#, "/lawfulBasis/article9", "required"),
        (#"{"statute":"care-act-2014-s42","article6":"6(1)(e)","article9":"9(2)(h)","why":"x"}"#, "/lawfulBasis/why", "unknown-field"),
        (#""consent""#, "/lawfulBasis", "type"),
    ])
    func refusesWhatIsNotABasis(basis: String, path: String, rule: String) {
        let (decoded, issues) = decode(basis)
        #expect(decoded == nil)
        #expect(issues.contains { $0.path == path && $0.rule == rule }, "\(issues)")
    }

    @Test func theTextFormRoundTripsEveryStatuteAndRefusesOthers() {
        for statute in Statute.allCases {
            for article6 in StatutoryBasis.article6Conditions {
                let basis = LawfulBasis.statutory(StatutoryBasis(statute: statute, article6: article6, article9: .healthOrSocialCare))
                #expect(LawfulBasis(basis.description) == basis)
            }
        }
        let consent = LawfulBasis.consent(ConsentID())
        #expect(LawfulBasis(consent.description) == consent)
        for text in ["", "consent:", "consent:x", "statute:care-act-2014-s42", "statute:care-act-2014-s42;6(1)(e);9(2)(z)", "law:x"] {
            #expect(LawfulBasis(text) == nil, "\(text)")
        }
    }
}
