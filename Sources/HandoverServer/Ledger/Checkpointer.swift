import Logging
import ServiceLifecycle

/// Issues a signed checkpoint every `ledger.checkpointIntervalSeconds` while the log grows, so a
/// sender can fetch an inclusion proof for its receipt within about that interval.
struct Checkpointer: Service {
    let gateway: Gateway

    func run() async throws {
        let interval = Duration.milliseconds(Int64(gateway.configuration.ledger.checkpointIntervalSeconds * 1000))
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await gateway.issueCheckpoint()
                } catch {
                    gateway.logger.error("checkpoint failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
