import Foundation
public import Logging
import NIOCore
import PostgresNIO
import Synchronization
public import ServiceLifecycle

/// The store for several gateway nodes over one PostgreSQL database, through postgres-nio's
/// `PostgresClient` (pure Swift, its own connection pool).
///
/// Everything is in the database, payloads and MESH chunks included (`bytea`), because nodes
/// share no folder. Writes that append log leaves first lock the one-row `log_head` table
/// (`SELECT … FOR UPDATE`) and take their indices from it, so appends from every node are
/// serialised: indices are dense and committed in index order, and a reader never sees leaf
/// n + 1 before leaf n. Those writes are committed in groups (`ledgerTransaction`). Sessions
/// use `synchronous_commit = on`, so a write returns only once it is durable.
///
/// The client's `run()` starts when the store opens, because the gateway reads and writes the
/// store (partner registration, catching up the log) before its service group starts. Put the
/// store itself in the service group (it is a `Service`): on graceful shutdown it closes the
/// client, after the services listed after it have stopped.
public final class PostgresStore: Store, Service {
    let client: PostgresClient
    let logger: Logger
    /// Ledger writes waiting for the next group commit (`ledgerTransaction`).
    let ledgerQueue = Mutex(LedgerQueue())
    private let runner: Task<Void, Never>

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Connects to the database at `url` and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - url: `postgres://user:password@host:port/database`, with an optional `sslmode` of
    ///     `disable`, `prefer` (the default) or `require`.
    ///   - logger: where the client logs its connection events.
    /// - Throws: `StoreError.storage` when the URL is unusable, the server cannot be reached or
    ///   a migration fails.
    public static func open(url: String, logger: Logger = Logger(label: "handover.store.postgres")) async throws -> PostgresStore {
        let store = PostgresStore(client: PostgresClient(configuration: try PostgresURL.configuration(url), backgroundLogger: logger), logger: logger)
        do {
            try await PostgresMigrations.migrate(store)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Closes every connection; the store cannot be used afterwards.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// Waits for the service group's graceful shutdown, then closes the store.
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    /// The server's `synchronous_commit` setting for the store's connections; exposed so tests can check it.
    public func synchronousCommit() async throws -> String {
        try await autocommit { connection in
            try await connection.first("SHOW synchronous_commit", self.logger)?.text(0) ?? ""
        }
    }

    // MARK: Transactions

    /// Runs `work` on one connection outside any explicit transaction (each statement commits on its own).
    func autocommit<T: Sendable>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        try await Self.mappingErrors {
            try await client.withConnection { connection in try await work(connection) }
        }
    }

    /// Runs `work` in one transaction: committed when it returns, rolled back when it throws.
    /// (Transactions that append leaves go through `ledgerTransaction`, which uses this.)
    ///
    /// A transaction the server aborted to break a deadlock (or a serialization failure) is run
    /// again, up to three times in all: `work` must only touch the database and read its inputs.
    func transaction<T: Sendable>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        let logger = self.logger
        var attempt = 1
        while true {
            do {
                return try await Self.mappingErrors(retrying: attempt < 3) {
                    try await client.withConnection { connection in
                        try await connection.query("BEGIN", logger: logger)
                        do {
                            let value = try await work(connection)
                            try await connection.query("COMMIT", logger: logger)
                            return value
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            throw error
                        }
                    }
                }
            } catch is RetryableFailure {
                attempt += 1
            }
        }
    }

    /// A deadlock or serialization failure that the caller may run again.
    private struct RetryableFailure: Error {}

    /// Turns a driver error into a `StoreError.storage` that names the server's message, or into
    /// `RetryableFailure` when `retrying` and the server asks for the transaction to be retried.
    private static func mappingErrors<T>(retrying: Bool = false, _ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as PSQLError {
            if retrying, let state = error.serverInfo?[.sqlState], ["40001", "40P01"].contains(state) { throw RetryableFailure() }
            throw storeError(error)
        }
    }

    /// `error` as the store reports it: a driver error becomes `StoreError.storage` naming the
    /// server's message; anything else is left as it is.
    static func storeError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let message = error.serverInfo?[.message] ?? "\(error.code)"
        let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
        return StoreError(.storage, "PostgreSQL refused the operation: \(message)\(state)")
    }
}

/// One ledger transaction: its connection and the index the next leaf it appends will get.
///
/// Lives inside `PostgresStore.ledgerTransaction` only, on one task.
final class PostgresLedgerWrite {
    let connection: PostgresConnection
    let logger: Logger
    /// The index of the next leaf; written back to `log_head` when the work returns.
    var nextIndex: Int64

    init(connection: PostgresConnection, logger: Logger, nextIndex: Int64) {
        self.connection = connection
        self.logger = logger
        self.nextIndex = nextIndex
    }
}
