import Foundation
import HandoverModel
import Testing

/// The published JSON Schemas in `contracts/canonical` say what this module says: the same enum
/// values, the same kind rules, the same identifier patterns.
@Suite struct ContractSchemaTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("contracts/canonical")

    static func schema(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(name).schema.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func property(_ schema: [String: Any], _ name: String) throws -> [String: Any] {
        let properties = try #require(schema["properties"] as? [String: Any])
        return try #require(properties[name] as? [String: Any])
    }

    /// The kinds listed in the schema's `if` clause whose `then` requires `field`.
    static func kindsRequiring(_ field: String, in schema: [String: Any]) throws -> Set<String> {
        let rules = try #require(schema["allOf"] as? [[String: Any]])
        for rule in rules {
            let required = (rule["then"] as? [String: Any])?["required"] as? [String] ?? []
            guard required.contains(field) else { continue }
            let condition = try #require((rule["if"] as? [String: Any])?["properties"] as? [String: Any])
            return Set(try #require((condition["kind"] as? [String: Any])?["enum"] as? [String]))
        }
        Issue.record("no rule requires \(field)")
        return []
    }

    @Test func enumsMatchTheModel() throws {
        let message = try Self.schema("message")
        let submission = try Self.schema("submission")
        #expect(try Self.property(message, "kind")["enum"] as? [String] == MessageKind.allCases.map(\.rawValue))
        #expect(try Self.property(submission, "kind")["enum"] as? [String] == MessageKind.submittable.map(\.rawValue))
        for schema in [message, submission] {
            #expect(try Self.property(schema, "purpose")["enum"] as? [String] == Purpose.allCases.map(\.rawValue))
        }
        let organisation = try Self.schema("organisation")
        #expect(try Self.property(organisation, "kind")["enum"] as? [String] == OrganisationKind.allCases.map(\.rawValue))
    }

    @Test func kindRulesMatchTheModel() throws {
        for (name, kinds) in [("message", MessageKind.allCases), ("submission", MessageKind.submittable)] {
            let schema = try Self.schema(name)
            let personal = Set(kinds.filter(\.carriesPersonalData).map(\.rawValue))
            #expect(try Self.kindsRequiring("subject", in: schema) == personal, "\(name)")
            #expect(try Self.kindsRequiring("purpose", in: schema) == personal, "\(name)")
            #expect(try Self.kindsRequiring("conversationId", in: schema) == Set(kinds.filter(\.isReply).map(\.rawValue)), "\(name)")
        }
    }

    @Test func identifierPatternsMatchTheModel() throws {
        let person = try Self.schema("person")
        let patterns: [(String, String)] = [
            ("nhsNumber", "^[0-9]{10}$"), ("prisonerNumber", "^[A-Z][0-9]{4}[A-Z]{2}$"), ("crn", "^[A-Z][0-9]{6}$"),
            ("birthDate", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
        ]
        for (field, pattern) in patterns {
            #expect(try Self.property(person, field)["pattern"] as? String == pattern, "\(field)")
        }
        let mailbox = "^[a-z0-9][a-z0-9._-]{1,62}$"
        #expect(try Self.property(try Self.schema("submission"), "recipient")["pattern"] as? String == mailbox)
        #expect(try Self.property(try Self.schema("message"), "sender")["pattern"] as? String == mailbox)
    }
}
