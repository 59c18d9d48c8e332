import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct JSONParserTests {
    private func parse(_ text: String, maxDepth: Int = 64) throws -> JSONValue {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { try JSONParser.parse($0, maxDepth: maxDepth) }
    }

    private func rule(_ text: String, maxDepth: Int = 64) -> String? {
        do {
            _ = try parse(text, maxDepth: maxDepth)
            return nil
        } catch {
            return (error as? ValidationError)?.issues.first?.rule ?? "not a ValidationError"
        }
    }

    @Test func parsesEveryValueKindKeepingOrderAndLexemes() throws {
        let value = try parse(#" {"b": [1, -0.5e+3, true, false, null], "a": "x\"\\\/\n\u00e9\ud83d\ude00", "n": 00.0e1} "#.replacingOccurrences(of: "00.0e1", with: "0.0e1"))
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.0) == ["b", "a", "n"])
        #expect(value["b"] == .array([.number("1"), .number("-0.5e+3"), .bool(true), .bool(false), .null]))
        #expect(value["a"] == .string("x\"\\/\né😀"))
        #expect(value["n"] == .number("0.0e1"))
    }

    @Test(arguments: [
        ("{\"a\":1,}", "json-syntax"),
        ("[1,]", "json-syntax"),
        ("{\"a\":01}", "json-syntax"),
        ("{\"a\":1} {}", "json-syntax"),
        ("{'a':1}", "json-syntax"),
        ("{\"a\":\"tab\there\"}", "json-syntax"),
        ("{\"a\":\"\\q\"}", "json-syntax"),
        ("{\"a\":\"\\ud800x\"}", "json-syntax"),
        ("{\"a\":1,\"a\":2}", "duplicate-member"),
        ("", "json-syntax"),
        ("nul", "json-syntax"),
    ])
    func refusesWhatRFC8259Refuses(text: String, expected: String) {
        #expect(rule(text) == expected, "\(text)")
    }

    @Test func refusesInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]  // a lead byte followed by a non-continuation
        #expect(throws: ValidationError.self) {
            try bytes.withUnsafeBytes { buffer in _ = try JSONParser.parse(buffer) }
        }
        let overlong: [UInt8] = [0x22, 0xC0, 0xAF, 0x22]
        let caught = #expect(throws: ValidationError.self) {
            try overlong.withUnsafeBytes { buffer in _ = try JSONParser.parse(buffer) }
        }
        #expect(caught?.issues.first?.rule == "encoding")
    }

    @Test func boundsNestingWithoutRecursingPastTheLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(rule(deep) == "json-depth")
        #expect(rule(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(rule(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == "json-depth")
    }

    @Test func rawMembersAreCheckedButReturnedAsByteRanges() throws {
        let text = #"{"recipient":"bsw-icb","payload":{"deep":[1,2,{"x":"y"}]}}"#
        let bytes = Array(text.utf8)
        let members = try bytes.withUnsafeBytes { buffer in
            try JSONParser.parseObject(buffer, rawMembers: ["payload"])
        }
        let payload = try #require(members.first { $0.name == "payload" })
        #expect(payload.value == nil)
        #expect(String(decoding: bytes[payload.range], as: UTF8.self) == #"{"deep":[1,2,{"x":"y"}]}"#)
        #expect(members.first { $0.name == "recipient" }?.value == .string("bsw-icb"))

        let broken = Array(#"{"payload":{"deep":[1,2,}}"#.utf8)
        #expect(throws: ValidationError.self) {
            try broken.withUnsafeBytes { buffer in _ = try JSONParser.parseObject(buffer, rawMembers: ["payload"]) }
        }
    }

    @Test func writerEscapesWhatJSONRequires() {
        var writer = JSONWriter()
        writer.string("quote\" back\\ nl\n ctl\u{01} é")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #""quote\" back\\ nl\n ctl\u0001 é""#)
        let value = JSONValue.object([("a", .array([.number("1"), .null])), ("b", .string("x"))])
        #expect(String(decoding: value.serialized, as: UTF8.self) == #"{"a":[1,null],"b":"x"}"#)
    }
}
