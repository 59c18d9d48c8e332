import HandoverModel

/// `Header/LegalBasis` and the canonical lawful basis, both ways: either `ConsentRef` (the
/// consent's UUID) or `Statute`, `Article6` and `Article9` in the canonical vocabulary
/// (`care-act-2014-s37`, `6(1)(c)`, `9(2)(h)`). The rules are the canonical codec's:
/// `basis-exclusive` for both, `basis-required` for neither.
enum CouncilXMLLegalBasis {
    static let names = ["ConsentRef", "Statute", "Article6", "Article9"]
    static let maxOccurs = [1, 1, 1, 1]

    static func decode(_ located: CouncilXMLElementReader.Located, _ reader: inout CouncilXMLElementReader) -> LawfulBasis? {
        let found = reader.children(located, names: names, maxOccurs: maxOccurs)
        let before = reader.issues.count
        if let consent = found[0].first {
            for (index, name) in names.enumerated().dropFirst() where !found[index].isEmpty {
                reader.report(located.path + "/" + name, "basis-exclusive", "send either a ConsentRef or a Statute with its Article6 and Article9, not both")
            }
            guard let raw = reader.leaf(consent, trim: true) else { return nil }
            do {
                let id = try ConsentID(validating: raw)
                return reader.issues.count == before ? .consent(id) : nil
            } catch {
                reader.report(error, at: consent)
                return nil
            }
        }
        guard let statuteElement = found[1].first else {
            reader.report(located.path, "basis-required", "send <ConsentRef> with the consent's id, or <Statute>, <Article6> and <Article9>, e.g. care-act-2014-s37, 6(1)(c), 9(2)(h)")
            return nil
        }
        let statute: Statute? = code(statuteElement, Statute.allCases, &reader)
        reader.require(found[2], "Article6", in: located, hint: "send the UK GDPR Article 6 condition, usually 6(1)(e) (public task)")
        reader.require(found[3], "Article9", in: located, hint: "send the UK GDPR Article 9 condition, usually 9(2)(h) (health or social care)")
        let article6: Article6Condition? = found[2].first.flatMap { code($0, StatutoryBasis.article6Conditions, &reader) }
        let article9: Article9Condition? = found[3].first.flatMap { code($0, StatutoryBasis.article9Conditions, &reader) }
        guard reader.issues.count == before, let statute, let article6, let article9 else { return nil }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }

    private static func code<E: RawRepresentable>(
        _ located: CouncilXMLElementReader.Located, _ allowed: [E], _ reader: inout CouncilXMLElementReader
    ) -> E? where E.RawValue == String {
        guard let raw = reader.leaf(located, trim: true) else { return nil }
        guard let value = allowed.first(where: { $0.rawValue == raw }) else {
            reader.report(located.path, "enum", "send one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    static func encode(_ basis: LawfulBasis, into xml: inout XMLWriter) {
        xml.open("LegalBasis")
        switch basis {
        case .consent(let id):
            xml.element("ConsentRef", id.value)
        case .statutory(let statutory):
            xml.element("Statute", statutory.statute.rawValue)
            xml.element("Article6", statutory.article6.rawValue)
            xml.element("Article9", statutory.article9.rawValue)
        }
        xml.close("LegalBasis")
    }
}
