import Foundation
import HandoverModel
import HandoverPolicy
import Testing

/// The published policy in `contracts/policy/` is exactly what the gateway enforces.
@Suite struct PolicyContractTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("contracts/policy")

    static func json(_ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any])
    }

    @Test func theVocabularyMatchesTheModel() throws {
        let vocabulary = try Self.json("vocabulary.json")
        #expect(vocabulary["purposes"] as? [String] == Purpose.allCases.map(\.rawValue))
        let statutes = try #require(vocabulary["statutes"] as? [[String: Any]])
        #expect(statutes.map { $0["id"] as? String } == Statute.allCases.map(\.rawValue))
        for (entry, statute) in zip(statutes, Statute.allCases) {
            #expect(entry["citation"] as? String == statute.citation)
            #expect(Set(entry["purposes"] as? [String] ?? []) == Set(statute.purposes.map(\.rawValue)), "\(statute)")
        }
        #expect((vocabulary["article6"] as? [String: [String]])?["all"] == Article6Condition.allCases.map(\.rawValue))
        #expect((vocabulary["article6"] as? [String: [String]])?["statutory"] == StatutoryBasis.article6Conditions.map(\.rawValue))
        #expect((vocabulary["article9"] as? [String: [String]])?["all"] == Article9Condition.allCases.map(\.rawValue))
        #expect((vocabulary["article9"] as? [String: [String]])?["statutory"] == StatutoryBasis.article9Conditions.map(\.rawValue))
        #expect(vocabulary["dataCategories"] as? [String] == DataCategory.allCases.map(\.rawValue))
        #expect(vocabulary["consentGivers"] as? [String] == ConsentGiver.allCases.map(\.rawValue))
    }

    @Test func theDataCategoriesMatchThePolicyTable() throws {
        let document = try Self.json("data-categories.json")
        let table = PayloadCategories.standard
        #expect(document["common"] as? [String: String] == table.common.mapValues(\.rawValue))
        let byKind = try #require(document["byKind"] as? [String: [String: String]])
        #expect(Set(byKind.keys) == Set(table.byKind.keys.map(\.rawValue)))
        for (kind, members) in table.byKind { #expect(byKind[kind.rawValue] == members.mapValues(\.rawValue), "\(kind)") }
    }

    @Test func theMinimisationRulesMatchThePolicy() throws {
        let rules = try #require(try Self.json("minimisation.json")["rules"] as? [[String: Any]])
        let standard = MinimisationPolicy.standard.rules
        #expect(rules.count == standard.count)
        for (entry, rule) in zip(rules, standard) {
            #expect(entry["recipientKind"] as? String == rule.recipientKind.rawValue)
            #expect((entry["purposes"] as? [String]).map(Set.init) == rule.purposes.map { Set($0.map(\.rawValue)) })
            #expect(Set(entry["removes"] as? [String] ?? []) == Set(rule.removes.map(\.rawValue)))
            #expect(entry["reason"] as? String == rule.reason)
        }
    }
}
