import HandoverModel

/// The care-exchange `legalBasis` and the canonical lawful basis, both ways.
///
/// `{"consentId": "<uuid>"}` is a recorded consent; otherwise
/// `{"ukGdprArticle6": "6(1)(e) public task", "ukGdprArticle9": "9(2)(h) health or social care",
/// "statute": "care-act-2014-s76"}` is a statutory basis. The article members start with the
/// condition as cited (`6(1)(e)`); any words after it are a label, read past and written back as
/// the standard label. `commonLawConfidentiality` (the common-law duty of confidence: explicit
/// consent, implied consent for direct care, ...) has no canonical place and is listed as dropped.
///
/// An event without `legalBasis` relies on the basis its type implies (`HMPPSEventCodec`).
enum HMPPSLegalBasis {
    static let article6Labels: [(Article6Condition, String)] = [
        (.legalObligation, "legal obligation"), (.vitalInterests, "vital interests"), (.publicTask, "public task"),
    ]
    static let article9Labels: [(Article9Condition, String)] = [
        (.socialProtection, "social protection"), (.vitalInterests, "vital interests"),
        (.substantialPublicInterest, "substantial public interest"), (.healthOrSocialCare, "health or social care"),
    ]
    static let statutes = HMPPSShape.oneOf(Statute.allCases.map(\.rawValue))
    static let confidentiality = ["explicit-consent", "implied-consent-direct-care", "best-interests", "overriding-public-interest", "legal-requirement"]

    static func decode(_ value: JSONValue?, _ reader: inout HMPPSValueReader) -> LawfulBasis? {
        let path = "/careExchange/legalBasis"
        guard let basis = reader.object(value, at: path, allowed: ["consentId", "ukGdprArticle6", "ukGdprArticle9", "statute", "commonLawConfidentiality"]) else {
            return nil
        }
        if reader.read(basis["commonLawConfidentiality"], .oneOf(confidentiality), at: path + "/commonLawConfidentiality") != nil {
            reader.drop(path + "/commonLawConfidentiality", "the canonical lawful basis has no common-law confidentiality member")
        }
        if let raw = basis["consentId"] {
            for name in ["ukGdprArticle6", "ukGdprArticle9", "statute"] where basis[name] != nil {
                reader.report(path + "/" + name, "basis-exclusive", "send either a consentId or a statute with its article conditions, not both")
            }
            guard let text = reader.string(raw, .text(36), at: path + "/consentId") else { return nil }
            do {
                return .consent(try ConsentID(validating: text, path: path + "/consentId"))
            } catch {
                reader.report(error)
                return nil
            }
        }
        let statute = reader.string(basis["statute"], statutes, at: path + "/statute").flatMap(Statute.init(rawValue:))
        let article6 = condition(basis["ukGdprArticle6"], at: path + "/ukGdprArticle6", article6Labels, &reader)
        let article9 = condition(basis["ukGdprArticle9"], at: path + "/ukGdprArticle9", article9Labels, &reader)
        reader.require(basis["statute"], at: path + "/statute", "send the statute relied on, e.g. care-act-2014-s76, or a consentId")
        reader.require(basis["ukGdprArticle6"], at: path + "/ukGdprArticle6", "send the UK GDPR Article 6 condition, usually 6(1)(e) public task")
        reader.require(basis["ukGdprArticle9"], at: path + "/ukGdprArticle9", "send the UK GDPR Article 9 condition, usually 9(2)(h) health or social care")
        guard let statute, let article6, let article9 else { return nil }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }

    /// A condition cited first in the text (`6(1)(e) public task` or `6(1)(e)`).
    private static func condition<C: RawRepresentable>(
        _ value: JSONValue?, at path: String, _ table: [(C, String)], _ reader: inout HMPPSValueReader
    ) -> C? where C.RawValue == String {
        guard let text = reader.string(value, at: path) else { return nil }
        let code = text.prefix { $0 != " " }
        guard let found = table.first(where: { $0.0.rawValue == code })?.0 else {
            reader.report(path, "enum", "start with one of \(table.map(\.0.rawValue).joined(separator: ", ")), e.g. \(table.last.map { "\($0.0.rawValue) \($0.1)" } ?? "")")
            return nil
        }
        return found
    }

    /// The basis as the care-exchange block writes it.
    static func json(_ basis: LawfulBasis) -> JSONValue {
        switch basis {
        case .consent(let id):
            return .object([("consentId", .string(id.value))])
        case .statutory(let basis):
            let article6 = article6Labels.first { $0.0 == basis.article6 }.map { "\($0.0.rawValue) \($0.1)" } ?? basis.article6.rawValue
            let article9 = article9Labels.first { $0.0 == basis.article9 }.map { "\($0.0.rawValue) \($0.1)" } ?? basis.article9.rawValue
            return .object([("ukGdprArticle6", .string(article6)), ("ukGdprArticle9", .string(article9)), ("statute", .string(basis.statute.rawValue))])
        }
    }
}
