import Logging
import ServiceLifecycle

/// Runs the expiry sweep every `retention.sweepIntervalSeconds` until graceful shutdown.
struct ExpirySweeper: Service {
    let gateway: Gateway

    func run() async throws {
        let interval = Duration.milliseconds(Int64(gateway.configuration.retention.sweepIntervalSeconds * 1000))
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await gateway.sweepExpired()
                } catch {
                    gateway.logger.error("expiry sweep failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
