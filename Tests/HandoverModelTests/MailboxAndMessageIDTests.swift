import Foundation
import HandoverModel
import Testing

/// Mailbox ids (`^[a-z0-9][a-z0-9._-]{1,62}$`) and message ids (lower-case UUIDs).
@Suite struct MailboxAndMessageIDTests {
    @Test(arguments: ["swindon-asc", "bsw-icb", "hmp.leeds", "leeds_asc", "a1", "9z", String(repeating: "a", count: 63)])
    func acceptsMailboxes(raw: String) throws {
        #expect(try MailboxID(validating: raw).value == raw)
    }

    @Test(arguments: ["", "s", "Swindon-asc", "SWINDON", "-leading", ".hidden", "_x", "has space", "swindon/asc", "ünï", String(repeating: "a", count: 64)])
    func refusesMalformedMailboxes(raw: String) {
        let error = #expect(throws: ValidationError.self) { try MailboxID(validating: raw, path: "/recipient") }
        #expect(error?.issues.first?.rule == "mailbox-format")
        #expect(error?.issues.first?.path == "/recipient")
        #expect(error?.issues.first?.hint.contains("swindon-asc") == true)
    }

    @Test func mailboxesSortByName() throws {
        let names = try ["wiltshire-asc", "bsw-icb", "swindon-asc"].map { try MailboxID(validating: $0) }
        #expect(names.sorted().map(\.value) == ["bsw-icb", "swindon-asc", "wiltshire-asc"])
    }

    @Test func newIDsAreRandomVersion4InLowerCase() throws {
        let id = MessageID()
        #expect(id.description == id.description.lowercased())
        #expect(id.description.count == 36)
        #expect(Array(id.description)[14] == "4")
        #expect(try MessageID(validating: id.description) == id)
        #expect(MessageID() != id)
        #expect("89ab".contains(Array(id.description)[19]), "the RFC 9562 variant")
        #expect(id.uuid.uuidString.lowercased() == id.description, "the text is the UUID's")
        #expect(Set((0..<1000).map { _ in MessageID() }).count == 1000)
    }

    @Test func parsesEitherCaseAndWritesLowerCase() throws {
        let lower = try MessageID(validating: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        let upper = try MessageID(validating: "6F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A10")
        #expect(lower == upper)
        #expect(Set([lower, upper]).count == 1)
        #expect(upper.description == "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        #expect(upper.uuid == UUID(uuidString: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"))
    }

    @Test(arguments: [
        "not-a-uuid", "", "6f1e2d3c4b5a49788a6b5c4d3e2f1a10", "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a1",
        "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a100", "6f1e2d3c-4b5a-4978-8a6b_5c4d3e2f1a10", "6g1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10",
        "{6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10}",
    ])
    func refusesMalformedIDs(raw: String) {
        let error = #expect(throws: ValidationError.self) { try MessageID(validating: raw, path: "/conversationId") }
        #expect(error?.issues.first?.rule == "uuid")
        #expect(error?.issues.first?.path == "/conversationId")
    }

    @Test func idsAreJSONStrings() throws {
        let id = try MessageID(validating: "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b30")
        #expect(String(decoding: try JSONEncoder().encode([id]), as: UTF8.self) == #"["0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b30"]"#)
        #expect(try JSONDecoder().decode([MessageID].self, from: Data(#"["0D9C8B7A-6F5E-4D3C-8B2A-1F0E9D8C7B30"]"#.utf8)) == [id])
    }
}
