/// A write handed to the store that becomes durable with the store's next commit, whatever
/// request causes it, instead of paying for a commit of its own.
///
/// `durable()` returns once the write is committed; if nothing else has committed it by then,
/// it commits it alone. The MESH API uses this for the replay-protection record of each
/// request's token, so that a send, download or acknowledgement commits once, not twice, while
/// the response still waits until the claim is on disk.
public final class StagedWrite: Sendable {
    private let wait: @Sendable () async throws -> Void

    /// A staged write that is durable once `wait` returns.
    public init(wait: @escaping @Sendable () async throws -> Void) {
        self.wait = wait
    }

    /// A write started now as a write of its own, for stores that commit each write separately.
    public static func started(_ write: @escaping @Sendable () async throws -> Void) -> StagedWrite {
        let task = Task { try await write() }
        return StagedWrite { try await task.value }
    }

    /// Returns once the write is durable; throws if it was refused or its commit failed.
    public func durable() async throws {
        try await wait()
    }
}
