import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Who may call what: partner keys never reach the IG API or console, IG keys never exchange
/// messages, and a viewer cannot export.
@Suite struct IGAuthorizationTests {
    static let igEndpoints: [(HTTPMethodName, String)] = [
        (.get, "/v1/ig/shares"), (.get, "/v1/ig/shares/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"),
        (.get, "/v1/ig/shares/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10/proof"), (.get, "/v1/ig/export?format=csv"),
        (.get, "/v1/ig/subject-access?nhsNumber=9434765919"), (.get, "/v1/ig/consents?nhsNumber=9434765919"),
        (.get, "/v1/ig/log"), (.post, "/v1/ig/log/verify"), (.post, "/v1/ig/console-link"),
    ]
    static let partnerEndpoints: [(HTTPMethodName, String)] = [
        (.post, "/v1/messages"), (.get, "/v1/inbox"), (.get, "/v1/inbox/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"),
        (.post, "/v1/inbox/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10/ack"), (.get, "/v1/outbox"), (.get, "/v1/log/checkpoint"),
        (.post, "/v1/consents"), (.get, "/v1/consents/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"),
    ]

    enum HTTPMethodName { case get, post }

    static func call(_ client: HandoverClient, _ method: HTTPMethodName, _ path: String) async throws -> HandoverClient.Answer {
        switch method {
        case .get: try await client.get(path)
        case .post: try await client.request(.POST, path, body: .bytes(ByteBuffer(string: "{}")), headers: [("Content-Type", "application/json")])
        }
    }

    @Test func partnerKeysAreRefusedByEveryIGEndpointAndIGKeysByEveryPartnerEndpoint() async throws {
        let gateway = try await RunningGateway.start()
        let ig = try await gateway.igClient()
        for mailbox in [RunningGateway.council, RunningGateway.icb, RunningGateway.prison] {
            for (method, path) in Self.igEndpoints {
                let answer = try await Self.call(gateway.client(mailbox), method, path)
                #expect(answer.status == 403, "\(mailbox) \(path): \(answer.status)")
                #expect(try Messages.problemErrors(answer).map(\.rule) == ["ig-account"], "\(path): \(answer.text)")
            }
        }
        for (method, path) in Self.partnerEndpoints {
            let answer = try await Self.call(ig, method, path)
            #expect(answer.status == 403, "IG key on \(path): \(answer.status) \(answer.text)")
            #expect(try Messages.problemErrors(answer).map(\.rule) == ["partner-credentials"], "\(path)")
        }
        for (method, path) in Self.igEndpoints {
            #expect(try await Self.call(HandoverClient(baseURL: gateway.baseURL, apiKey: nil, http: gateway.http), method, path).status == 401, "\(path)")
        }
        #expect(try await ig.get("/v1/ig/shares").status == 200, "the IG key works where it belongs")
        #expect(try await gateway.client(RunningGateway.council).inbox().status == 200, "and the partner key where it belongs")
        try await gateway.stopAndRemove()
    }

    @Test func aViewerCanSearchButNotExportOrVerify() async throws {
        let gateway = try await RunningGateway.start()
        let viewer = try await gateway.igClient("ig-viewer", role: .viewer)
        #expect(try await viewer.get("/v1/ig/shares").status == 200)
        for (method, path) in [(HTTPMethodName.get, "/v1/ig/export?format=csv"), (.get, "/v1/ig/subject-access?nhsNumber=9434765919"), (.post, "/v1/ig/log/verify")] {
            let answer = try await Self.call(viewer, method, path)
            #expect(try answer.status == 403 && (Messages.problemErrors(answer).map(\.rule)) == ["ig-role"], "\(path): \(answer.text)")
        }
        let console = try await gateway.client(RunningGateway.council).get("/ig/shares")
        // The client follows the redirect to the sign-in form: a partner key opens no console page.
        #expect(console.text.contains(#"action="/ig/login""#) && !console.text.contains("id=\"results\""), "the console needs an IG session, not a partner key")
        try await gateway.stopAndRemove()
    }
}
