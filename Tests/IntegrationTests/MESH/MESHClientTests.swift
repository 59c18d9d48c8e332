import Foundation
import HandoverModel
import HandoverServer
import HandoverTestSupport
import Testing

/// The real mesh-client from PyPI, unchanged, against a running gateway on 127.0.0.1
/// (`contracts/mesh/check_mesh_client.py`).
@Suite struct MESHClientTests {
    /// Runs the script on a thread of its own: the gateway under test serves from this process's
    /// task pool, which a blocking wait for the child process must not hold.
    static func run(_ scenario: String, _ gateway: RunningGateway, _ extra: [String] = []) async throws -> (status: Int32, output: String) {
        let arguments = [
            scenario, "--url", gateway.baseURL, "--shared-key", MESHGateway.sharedKey, "--sender", MESHGateway.council,
            "--recipient", MESHGateway.icb, "--password", MESHGateway.password, "--recipient-native", RunningGateway.icb,
        ] + extra
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try PythonCheck.run("contracts/mesh/check_mesh_client.py", arguments) })
            }
        }
    }

    @Test func meshClientSendsReceivesAcknowledgesPagesChunksAndCompresses() async throws {
        let gateway = try await MESHGateway.start()
        let (status, output) = try await Self.run("exchange", gateway)
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
        #expect(!output.contains("FAIL"), "\(output)")
        try await gateway.stopAndRemove()
    }

    @Test func meshClientReceivesANonDeliveryReportAfterExpiry() async throws {
        let clock = ManualClock(Date())
        let gateway = try await MESHGateway.start(clock: clock) { $0.retention.expirySeconds = 60 }
        let (sendStatus, sent) = try await Self.run("report-send", gateway)
        #expect(sendStatus == 0, "\(sent)")
        let id = try #require(sent.split(separator: "\n").first { $0.hasPrefix("sent ") }.map { String($0.dropFirst(5)) })
        clock.advance(by: 61)
        #expect(try await gateway.gateway.sweepExpired() == 1)
        let (status, output) = try await Self.run("report-check", gateway, ["--linked", id])
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
        try await gateway.stopAndRemove()
    }
}
