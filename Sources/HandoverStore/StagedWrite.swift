/// A write handed to the store that becomes durable with the store's next commit, whatever
/// request causes it, instead of paying for a commit of its own.
///
/// `durable()` returns once the write is committed; if nothing else has committed it by then,
/// it commits it alone. The MESH API's replay protection uses this for the claim of each
/// request's token: on SQLite a send, download or acknowledgement then commits once, not twice,
/// while the response still waits until the claim is on disk.
public final class StagedWrite: Sendable {
    private let wait: @Sendable () async throws -> Void

    /// A staged write that is durable once `wait` returns.
    public init(wait: @escaping @Sendable () async throws -> Void) {
        self.wait = wait
    }

    /// A write that is committed already.
    public static let committed = StagedWrite {}

    /// Returns once the write is durable; throws if it was refused or its commit failed.
    public func durable() async throws {
        try await wait()
    }
}
