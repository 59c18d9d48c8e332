import Foundation
import HandoverModel
import HandoverServer
import HandoverTestSupport
import Testing

/// The real mesh-client from PyPI, unchanged, against a running gateway on 127.0.0.1
/// (`contracts/mesh/check_mesh_client.py`).
@Suite struct MESHClientTests {
    static func run(_ scenario: String, _ gateway: RunningGateway, _ extra: [String] = []) throws -> (status: Int32, output: String) {
        try PythonCheck.run(
            "contracts/mesh/check_mesh_client.py",
            [
                scenario, "--url", gateway.baseURL, "--shared-key", MESHGateway.sharedKey, "--sender", MESHGateway.council,
                "--recipient", MESHGateway.icb, "--password", MESHGateway.password, "--recipient-native", RunningGateway.icb,
            ] + extra
        )
    }

    @Test func meshClientSendsReceivesAcknowledgesPagesChunksAndCompresses() async throws {
        let gateway = try await MESHGateway.start()
        let (status, output) = try Self.run("exchange", gateway)
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
        #expect(!output.contains("FAIL"), "\(output)")
        try await gateway.stopAndRemove()
    }

    @Test func meshClientReceivesANonDeliveryReportAfterExpiry() async throws {
        let clock = ManualClock(Date())
        let gateway = try await MESHGateway.start(clock: clock) { $0.retention.expirySeconds = 60 }
        let (sendStatus, sent) = try Self.run("report-send", gateway)
        #expect(sendStatus == 0, "\(sent)")
        let id = try #require(sent.split(separator: "\n").first { $0.hasPrefix("sent ") }.map { String($0.dropFirst(5)) })
        clock.advance(by: 61)
        #expect(try await gateway.gateway.sweepExpired() == 1)
        let (status, output) = try Self.run("report-check", gateway, ["--linked", id])
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
        try await gateway.stopAndRemove()
    }
}
