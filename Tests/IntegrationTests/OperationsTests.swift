import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverServer
import NIOHTTP1
import Testing

/// Health, readiness and metrics endpoints, and start-up rules.
@Suite struct OperationsTests {
    @Test func healthReadinessAndMetrics() async throws {
        let gateway = try await RunningGateway.start()
        let anonymous = HandoverClient(baseURL: gateway.baseURL, apiKey: nil, http: gateway.http)
        #expect(try await anonymous.request(.GET, "/livez").status == 200)
        #expect(try await anonymous.request(.GET, "/readyz").status == 200)
        _ = try await gateway.client(RunningGateway.council).submit(Messages.referral())
        _ = try await gateway.client(RunningGateway.council).submit(Array("{".utf8))
        let metrics = try await anonymous.request(.GET, "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"handover_messages_accepted_total{kind="referral"} 1"#))
        #expect(metrics.text.contains(#"handover_messages_rejected_total{problem="malformed-body"} 1"#))
        let unknown = try await anonymous.request(.GET, "/v2/nothing")
        #expect(unknown.status == 404)
        #expect(unknown.header("Content-Type") == "application/problem+json")
        try await gateway.stopAndRemove()
    }

    @Test func plainHTTPIsRefusedOffLoopback() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-test-\(UUID().uuidString)")
        let gateway = try await Gateway.open(
            configuration: GatewayConfiguration(listen: .init(host: "0.0.0.0", port: 0), dataDirectory: folder.path)
        )
        await #expect(throws: GatewayStartError.self) {
            try await gateway.run(gracefulShutdownSignals: [])
        }
        try? FileManager.default.removeItem(at: folder)
    }
}
