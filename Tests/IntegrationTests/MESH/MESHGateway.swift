import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import NIOCore
import NIOHTTP1

/// A running gateway with the MESH API on: the council is MESH mailbox `X26ABC1`, the ICB
/// `X26ABC2`, and `TEST_WORKFLOW` is a pass-through workflow.
enum MESHGateway {
    static let sharedKey = "TestKey"
    static let password = "password"
    static let council = "X26ABC1"
    static let icb = "X26ABC2"
    static let workflow = "TEST_WORKFLOW"

    static func configuration(_ configuration: inout GatewayConfiguration) {
        configuration.mesh = MESHConfiguration(
            sharedKey: sharedKey,
            passThrough: [
                PassThroughWorkflow(
                    workflowId: workflow, purpose: .directCare,
                    lawfulBasis: LawfulBasisConfiguration(statute: .healthAndSocialCareAct2012s251B, article6: .publicTask, article9: .healthOrSocialCare),
                    description: "test documents"
                )
            ]
        )
        for index in configuration.partners.indices {
            switch configuration.partners[index].mailbox {
            case RunningGateway.council: configuration.partners[index].mesh = PartnerMESHConfiguration(mailbox: council, password: password)
            case RunningGateway.icb: configuration.partners[index].mesh = PartnerMESHConfiguration(mailbox: icb, password: password)
            default: break
            }
        }
    }

    static func start(
        folder: URL? = nil, keys: [String: String]? = nil, clock: any HandoverClock = SystemClock(),
        configure: (inout GatewayConfiguration) -> Void = { _ in }
    ) async throws -> RunningGateway {
        try await RunningGateway.start(folder: folder, keys: keys, clock: clock) { configuration in
            Self.configuration(&configuration)
            configure(&configuration)
        }
    }
}

/// Raw MESH requests with a fresh NHSMESH token each (or the one given), for what mesh-client
/// never sends.
struct MESHCaller {
    let gateway: RunningGateway
    let mailbox: String
    var password = MESHGateway.password
    var sharedKey = MESHGateway.sharedKey
    var accept = "application/vnd.mesh.v2+json"

    func token(nonce: String = UUID().uuidString, count: Int = 0, at time: Date = Date()) -> String {
        MESHToken.make(mailbox: mailbox, password: password, sharedKey: Array(sharedKey.utf8), nonce: nonce, count: count, at: time)
    }

    func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [], token: String? = nil
    ) async throws -> HandoverClient.Answer {
        let client = HandoverClient(baseURL: gateway.baseURL, apiKey: nil, http: gateway.http)
        var all = [("Authorization", token ?? self.token()), ("Accept", accept)]
        all += headers
        return try await client.request(method, "/messageexchange/\(mailbox)\(path)", body: body.map { .bytes(ByteBuffer(bytes: $0)) }, headers: all)
    }

    /// Sends `body` to `to` under `workflow`, with extra headers.
    func send(to: String, _ body: [UInt8], workflow: String = MESHGateway.workflow, headers: [(String, String)] = []) async throws -> HandoverClient.Answer {
        try await request(.POST, "/outbox", body: body, headers: [("mex-To", to), ("mex-WorkflowID", workflow)] + headers)
    }

    /// The v2 error `detail` of an answer as (event, code) pairs.
    static func detail(_ answer: HandoverClient.Answer) throws -> [(event: String, code: String)] {
        let details = try Messages.object(answer.body)["detail"] as? [[String: Any]] ?? []
        return details.map { ($0["event"] as? String ?? "", $0["code"] as? String ?? "") }
    }
}
