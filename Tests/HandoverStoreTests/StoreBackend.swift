import Foundation
import HandoverStore
import HandoverTestSupport
import Testing

/// The backends every store test runs against: one test body, each backend (GRDB's style).
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store: a new folder, or a new database on the test server.
    func open() async throws -> OpenedStore {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-store-\(UUID().uuidString)")
            return OpenedStore(backend: self, location: folder.path, store: try SQLiteStore(directory: folder))
        case .postgres:
            let url = try await TestPostgres.freshDatabase()
            return OpenedStore(backend: self, location: url, store: try await PostgresStore.open(url: url))
        }
    }
}

/// A store opened for one test, which can be opened a second time over the same data (a
/// restart, or a second gateway node) and removed afterwards.
struct OpenedStore: Sendable {
    let backend: StoreBackend
    /// The folder or database URL.
    let location: String
    let store: any Store

    /// Another store over the same data, as a restarted or second node opens it.
    func reopen() async throws -> any Store {
        switch backend {
        case .sqlite: try SQLiteStore(directory: URL(fileURLWithPath: location))
        case .postgres: try await PostgresStore.open(url: location)
        }
    }

    /// Closes the store and removes a SQLite folder (a test database is left to the throwaway server).
    func remove(_ others: [any Store] = []) async {
        for store in [store] + others {
            if let postgres = store as? PostgresStore { await postgres.close() }
        }
        if backend == .sqlite { try? FileManager.default.removeItem(atPath: location) }
    }
}
