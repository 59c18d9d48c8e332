import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import NIOCore
import NIOHTTP1
import Testing

/// NHSMESH tokens: the HMAC with the environment's key, the ±2 h window, and single use keyed on
/// (mailbox, nonce, nonce count), except the client's own retries after a status it retries.
@Suite struct MESHAuthenticationTests {
    static let key = Array("TestKey".utf8)

    @Test func aTokenVerifiesOnlyWithItsPasswordKeyMailboxAndTime() throws {
        let now = Date()
        let header = MESHToken.make(mailbox: "X26ABC1", password: "secret", sharedKey: Self.key, nonce: "n-1", count: 3, at: now)
        let token = try MESHToken.parse(header)
        #expect(token.mailbox == "X26ABC1" && token.nonce == "n-1" && token.nonceCount == "3")
        try token.verify(pathMailbox: "X26ABC1", password: "secret", sharedKey: Self.key, now: now.addingTimeInterval(7000))
        let upper = try MESHToken.parse(header.prefix(header.count - 64) + header.suffix(64).uppercased())
        try upper.verify(pathMailbox: "X26ABC1", password: "secret", sharedKey: Self.key, now: now)
        #expect(throws: MESHToken.Refusal.badHash) { try token.verify(pathMailbox: "X26ABC1", password: "wrong", sharedKey: Self.key, now: now) }
        #expect(throws: MESHToken.Refusal.badHash) { try token.verify(pathMailbox: "X26ABC1", password: "secret", sharedKey: Array("Other".utf8), now: now) }
        #expect(throws: MESHToken.Refusal.wrongMailbox) { try token.verify(pathMailbox: "X26ABC2", password: "secret", sharedKey: Self.key, now: now) }
        #expect(throws: MESHToken.Refusal.staleTimestamp) {
            try token.verify(pathMailbox: "X26ABC1", password: "secret", sharedKey: Self.key, now: now.addingTimeInterval(2 * 3600 + 120))
        }
        #expect(throws: MESHToken.Refusal.staleTimestamp) {
            try token.verify(pathMailbox: "X26ABC1", password: "secret", sharedKey: Self.key, now: now.addingTimeInterval(-2 * 3600 - 120))
        }
        let lower = MESHToken.make(mailbox: "x26abc1", password: "secret", sharedKey: Self.key, nonce: "n", count: 0, at: now)
        #expect(throws: MESHToken.Refusal.wrongMailbox) { try MESHToken.parse(lower).verify(pathMailbox: "x26abc1", password: "secret", sharedKey: Self.key, now: now) }
    }

    @Test(arguments: [
        "Bearer abc", "NHSMESH X26ABC1:n:0:202611231519", "NHSMESH X26ABC1:n:x:202611231519:" + String(repeating: "a", count: 64),
        "NHSMESH X26ABC1:n:0:20261323151:" + String(repeating: "a", count: 64), "NHSMESH X26ABC1:n:0:202611231519:" + String(repeating: "g", count: 64),
        "NHSMESH X26ABC1:n:0:202602301519:" + String(repeating: "a", count: 64),
    ])
    func malformedTokensAreRefused(header: String) {
        #expect(throws: MESHToken.Refusal.malformed) { try MESHToken.parse(header) }
    }

    @Test func tokensAreSingleUseButSurviveTheClientsRetries() async throws {
        let gateway = try await MESHGateway.start { $0.mesh?.maxConcurrentRequests = 1 }
        let council = MESHCaller(gateway: gateway, mailbox: MESHGateway.council)
        let token = council.token(nonce: "replay-nonce", count: 7)
        #expect(try await council.request(.GET, "/count", token: token).status == 200)
        let again = try await council.request(.GET, "/count", token: token)
        #expect(again.status == 403, "a second use of a token is refused: \(again.text)")
        #expect(try await council.request(.GET, "/count", token: council.token(nonce: "replay-nonce", count: 8)).status == 200)
        let stale = council.token(at: Date().addingTimeInterval(-3 * 3600))
        #expect(try await council.request(.GET, "/count", token: stale).status == 403)
        var wrong = council
        wrong.password = "guess"
        #expect(try await wrong.request(.GET, "/count").status == 403)
        #expect(try await council.request(.GET, "/count", token: "NHSMESH nonsense").status == 403)

        // A use that ended in 429 may be retried with the same token, once it has.
        // The only place is held by an upload whose body has not finished arriving.
        var upload: (feed: AsyncStream<ByteBuffer>.Continuation, status: Task<UInt, any Error>)?
        for _ in 0..<50 where upload == nil {
            let (parts, feed) = AsyncStream<ByteBuffer>.makeStream()
            feed.yield(ByteBuffer(bytes: [1, 2, 3]))
            let status = Task {
                var request = HTTPClientRequest(url: "\(gateway.baseURL)/messageexchange/\(MESHGateway.council)/outbox")
                request.method = .POST
                request.headers.add(name: "Authorization", value: council.token())
                request.headers.add(name: "mex-To", value: MESHGateway.icb)
                request.headers.add(name: "mex-WorkflowID", value: MESHGateway.workflow)
                request.body = .stream(parts, length: .unknown)
                return try await gateway.http.execute(request, timeout: .seconds(60)).status.code
            }
            try await Task.sleep(for: .milliseconds(100))
            if try await council.request(.GET, "/count").status == 429 {
                upload = (feed, status)
            } else {
                feed.finish()
                _ = await status.result
            }
        }
        let held = try #require(upload, "an unfinished upload holds the only place")
        let retried = council.token(nonce: "retry-nonce", count: 0)
        let refused = try await council.request(.GET, "/count", token: retried)
        #expect(refused.status == 429)
        #expect(refused.header("Retry-After") == "1")
        held.feed.finish()
        #expect(try await held.status.value == 202)
        #expect(try await council.request(.GET, "/count", token: retried).status == 200, "the retry with the same token is accepted")
        #expect(try await council.request(.GET, "/count", token: retried).status == 403, "and then it is used")
        try await gateway.stop()

        // The replay cache is in the store: a restart forgets no used token.
        let restarted = try await MESHGateway.start(folder: gateway.folder, keys: gateway.keys)
        let after = MESHCaller(gateway: restarted, mailbox: MESHGateway.council)
        #expect(try await after.request(.GET, "/count", token: token).status == 403)
        #expect(try await after.request(.GET, "/count").status == 200)
        try await restarted.stopAndRemove()
    }
}
