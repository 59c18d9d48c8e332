import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import NIOHTTP1
import Testing

/// What mesh-client never sends: every refusal is MESH error JSON with the right status and code,
/// and nothing of a refused request is stored.
@Suite struct MESHBadInputTests {
    /// Messages waiting for the ICB: what a wrongly accepted send would change.
    private func inboxCount(_ icb: MESHCaller) async throws -> Int {
        let answer = try await icb.request(.GET, "/count")
        return try Messages.object(answer.body)["count"] as? Int ?? -1
    }

    private func expectError(
        _ answer: HandoverClient.Answer, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(answer.status == status, "\(answer.text)", sourceLocation: sourceLocation)
        #expect(try MESHCaller.detail(answer).map(\.code).contains(code), "\(answer.text)", sourceLocation: sourceLocation)
    }

    @Test func refusedSendsNameTheCodeAndStoreNothing() async throws {
        let gateway = try await MESHGateway.start { $0.mesh?.maxChunkBytes = 64 * 1024 }
        let council = MESHCaller(gateway: gateway, mailbox: MESHGateway.council)
        let icb = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)
        try expectError(try await council.send(to: "X99NONE", Array("x".utf8)), status: 417, code: "12")
        try expectError(try await council.send(to: MESHGateway.icb, Array("x".utf8), workflow: "NOPE"), status: 417, code: "17")
        try expectError(try await council.send(to: MESHGateway.icb, []), status: 417, code: "02")
        try expectError(try await council.request(.POST, "/outbox", body: [1], headers: [("mex-WorkflowID", MESHGateway.workflow)]), status: 417, code: "08")
        try expectError(
            try await council.send(to: MESHGateway.icb, [1], headers: [("mex-Subject", String(repeating: "s", count: 501))]), status: 400, code: "06"
        )
        try expectError(try await council.send(to: MESHGateway.icb, [1], headers: [("mex-LocalID", "tab\there")]), status: 400, code: "06")
        try expectError(try await council.send(to: MESHGateway.icb, [1], headers: [("mex-Content-Checksum", "md5;abc")]), status: 400, code: "06")
        try expectError(
            try await council.send(to: MESHGateway.icb, [1], headers: [("Content-Encoding", "br")]), status: 422, code: "UnsupportedContentEncoding"
        )
        try expectError(try await council.send(to: MESHGateway.icb, [UInt8](repeating: 7, count: 70_000)), status: 413, code: "13")
        try expectError(
            try await council.send(to: MESHGateway.icb, [1, 2, 3], headers: [("Content-Encoding", "gzip")]), status: 417, code: "UnsupportedContentEncoding"
        )
        let v1 = MESHCaller(gateway: gateway, mailbox: MESHGateway.council, accept: "application/json")
        let old = try await v1.send(to: "X99NONE", [1])
        #expect(old.status == 417)
        #expect(try Messages.object(old.body)["errorCode"] as? String == "12", "v1 clients get the v1 error shape: \(old.text)")
        #expect(try await inboxCount(icb) == 0)
        let spool = try FileManager.default.contentsOfDirectory(atPath: gateway.folder.appendingPathComponent("spool").path)
        #expect(spool.isEmpty, "no spool file is left behind: \(spool)")
        try await gateway.stopAndRemove()
    }

    @Test func acceptPicksTheResponseVersionOrIsRefused() async throws {
        let gateway = try await MESHGateway.start()
        let versions: [(accept: String, documentType: String?)] = [
            ("application/vnd.mesh.v2+json", "application/vnd.mesh.v2+json"),
            ("application/vnd.mesh.v12+json", "application/vnd.mesh.v2+json"),
            ("application/vnd.mesh.v1+json", "application/json"),
            ("application/json", "application/json"),
            ("*/*", "application/json"),
            ("application/vnd.mesh.v+json", nil),
            ("application/vnd.mesh.v2", nil),
            ("application/vnd.mesh", nil),
            ("application/vnd.mesh.v99999999999+json", nil),
        ]
        for (accept, documentType) in versions {
            let caller = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb, accept: accept)
            let answer = try await caller.request(.GET, "/inbox")
            if let documentType {
                #expect(answer.status == 200, "Accept: \(accept) -> \(answer.status) \(answer.text)")
                #expect(answer.header("Content-Type")?.hasPrefix(documentType) == true, "Accept: \(accept) -> \(answer.header("Content-Type") ?? "none")")
            } else {
                #expect(answer.status == 400, "Accept: \(accept) is malformed for MESH -> \(answer.status) \(answer.text)")
            }
        }
        try await gateway.stopAndRemove()
    }

    @Test func aGzipBombIsRefused() async throws {
        let gateway = try await MESHGateway.start { $0.mesh?.maxInflatedChunkBytes = 1024 * 1024 }
        let council = MESHCaller(gateway: gateway, mailbox: MESHGateway.council)
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 8 * 1024 * 1024))
        #expect(bomb.count < 64 * 1024, "8 MiB of zeros compresses to \(bomb.count) bytes")
        let answer = try await council.send(to: MESHGateway.icb, bomb, headers: [("Content-Encoding", "gzip")])
        try expectError(answer, status: 413, code: "13")
        let fine = try await council.send(to: MESHGateway.icb, Gzip.compress([UInt8](repeating: 0, count: 512 * 1024)), headers: [("Content-Encoding", "gzip")])
        #expect(fine.status == 202, "\(fine.text)")
        #expect(try await inboxCount(MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)) == 1)
        try await gateway.stopAndRemove()
    }

    @Test func chunksMustComeInOrderWithOneEncoding() async throws {
        let gateway = try await MESHGateway.start()
        let council = MESHCaller(gateway: gateway, mailbox: MESHGateway.council)
        let icb = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)
        let first = try await council.send(to: MESHGateway.icb, Array("one".utf8), headers: [("mex-Chunk-Range", "1:3")])
        #expect(first.status == 202, "\(first.text)")
        let id = try #require(try Messages.string(first, "message_id"))
        try expectError(
            try await council.request(.POST, "/outbox/\(id)/3", body: Array("three".utf8), headers: [("mex-Chunk-Range", "3:3")]),
            status: 417, code: "InvalidHeaderChunks"
        )
        try expectError(
            try await council.request(.POST, "/outbox/\(id)/2", body: Array("two".utf8), headers: [("mex-Chunk-Range", "2:4")]),
            status: 417, code: "InvalidHeaderChunks"
        )
        try expectError(
            try await council.request(
                .POST, "/outbox/\(id)/2", body: Gzip.compress(Array("two".utf8)), headers: [("mex-Chunk-Range", "2:3"), ("Content-Encoding", "gzip")]
            ),
            status: 417, code: "InvalidHeaderChunks"
        )
        let other = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)
        #expect(try await other.request(.POST, "/outbox/\(id)/2", body: [1], headers: [("mex-Chunk-Range", "2:3")]).status == 403)
        #expect(try await inboxCount(icb) == 0, "an incomplete upload is not delivered")
        for number in 2...3 {
            let answer = try await council.request(.POST, "/outbox/\(id)/\(number)", body: Array("-\(number)".utf8), headers: [("mex-Chunk-Range", "\(number):3")])
            #expect(answer.status == 202, "\(answer.text)")
        }
        #expect(try await council.request(.POST, "/outbox/\(id)/3", body: [1], headers: [("mex-Chunk-Range", "3:3")]).status == 423)
        #expect(try await inboxCount(icb) == 1)
        var joined: [UInt8] = []
        for number in 1...3 {
            let part = try await icb.request(.GET, number == 1 ? "/inbox/\(id)" : "/inbox/\(id)/\(number)")
            #expect(part.status == (number < 3 ? 206 : 200))
            #expect(part.header("mex-Chunk-Range") == "\(number):3")
            joined += part.body
        }
        #expect(String(decoding: joined, as: UTF8.self) == "one-2-3")
        let unknown = try await council.request(.POST, "/outbox/\(UUID().uuidString)/2", body: [1], headers: [("mex-Chunk-Range", "2:3")])
        try expectError(unknown, status: 404, code: "20")
        try await gateway.stopAndRemove()
    }

    @Test func unknownMailboxesAndMessagesAreNotFound() async throws {
        let gateway = try await MESHGateway.start()
        let nobody = MESHCaller(gateway: gateway, mailbox: "X99NONE")
        #expect(try await nobody.request(.POST, "", headers: Self.handshake).status == 404)
        let icb = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)
        try expectError(try await icb.request(.GET, "/inbox/\(UUID().uuidString)"), status: 404, code: "20")
        try expectError(try await icb.request(.PUT, "/inbox/\(UUID().uuidString)/status/acknowledged"), status: 404, code: "20")
        try expectError(try await icb.request(.GET, "/inbox/not-an-id"), status: 404, code: "20")
        #expect(try await icb.request(.GET, "/inbox?max_results=5").status == 400)
        #expect(try await icb.request(.GET, "/inbox?continue_from=somethingelse-entirely-else").status == 400)
        #expect(try await icb.request(.POST, "", headers: []).status == 400, "a handshake needs the client headers")
        try await gateway.stopAndRemove()
    }

    static let handshake = [("mex-ClientVersion", "test==1"), ("mex-OSName", "Linux"), ("mex-OSVersion", "6")]
}
