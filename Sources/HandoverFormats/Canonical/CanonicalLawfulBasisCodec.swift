public import HandoverModel

/// Reads and writes the canonical `lawfulBasis` object: `{"consentId": "…"}` or
/// `{"statute": "…", "article6": "…", "article9": "…"}` (`contracts/policy/README.md`).
///
/// Only the shape and the vocabulary are checked here; whether the consent exists and covers the
/// share, and whether the statute fits the purpose, is the gateway's policy decision.
public enum CanonicalLawfulBasisCodec {
    static let fields = ["consentId", "statute", "article6", "article9"]

    /// Decodes a basis, recording every broken rule in `reader`; nil when any rule was broken.
    public static func decode(_ value: JSONValue, at path: String, into reader: inout JSONFieldReader) -> LawfulBasis? {
        guard let members = reader.object(value, at: path, allowed: fields) else { return nil }
        let before = reader.issues.count
        let member = { (name: String) in members.first { $0.0 == name }?.1 }
        if let raw = member("consentId") {
            for name in ["statute", "article6", "article9"] where member(name) != nil {
                reader.report(
                    path + "/" + name, "basis-exclusive",
                    "send either a consentId or a statute with its article6 and article9 conditions, not both"
                )
            }
            let id = reader.string(raw, at: path + "/consentId").flatMap { text in
                reader.parse { () throws(ValidationError) in try ConsentID(validating: text, path: path + "/consentId") }
            }
            guard reader.issues.count == before, let id else { return nil }
            return .consent(id)
        }
        guard let statuteValue = member("statute") else {
            reader.report(
                path, "basis-required",
                "send {\"consentId\": \"<the consent's id>\"} or {\"statute\": \"care-act-2014-s42\", \"article6\": \"6(1)(e)\", \"article9\": \"9(2)(g)\"}"
            )
            return nil
        }
        let statute: Statute? = reader.enumeration(statuteValue, at: path + "/statute")
        var article6: Article6Condition?
        var article9: Article9Condition?
        if let raw = member("article6") {
            article6 = reader.enumeration(raw, at: path + "/article6", allowed: StatutoryBasis.article6Conditions)
        } else {
            reader.report(path + "/article6", "required", "send the UK GDPR Article 6 condition, usually \"6(1)(e)\" (public task)")
        }
        if let raw = member("article9") {
            article9 = reader.enumeration(raw, at: path + "/article9", allowed: StatutoryBasis.article9Conditions)
        } else {
            reader.report(path + "/article9", "required", "send the UK GDPR Article 9 condition, usually \"9(2)(h)\" (health or social care)")
        }
        guard reader.issues.count == before, let statute, let article6, let article9 else { return nil }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }

    /// Writes a basis as canonical JSON.
    public static func encode(_ basis: LawfulBasis, into writer: inout JSONWriter) {
        switch basis {
        case .consent(let id):
            writer.raw("{\"consentId\":")
            writer.string(id.value)
            writer.raw("}")
        case .statutory(let basis):
            writer.raw("{\"statute\":")
            writer.string(basis.statute.rawValue)
            writer.raw(",\"article6\":")
            writer.string(basis.article6.rawValue)
            writer.raw(",\"article9\":")
            writer.string(basis.article9.rawValue)
            writer.raw("}")
        }
    }

    /// A basis as compact canonical JSON.
    public static func json(_ basis: LawfulBasis) -> [UInt8] {
        var writer = JSONWriter(capacity: 96)
        encode(basis, into: &writer)
        return writer.bytes
    }
}
