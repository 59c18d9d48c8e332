import Foundation
import PostgresNIO

/// The PostgreSQL server the tests run against: `scripts/test.sh` starts a throwaway one
/// (`scripts/postgres.sh`) and exports its URL as `HANDOVER_TEST_POSTGRES_URL`.
public enum TestPostgres {
    /// The test server is not configured.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "HANDOVER_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh, which starts a throwaway PostgreSQL "
                + "server for them (or start one with `eval \"$(scripts/postgres.sh start /tmp/handover-postgres)\"`)"
        }
    }

    /// Creates an empty database on the test server and returns its URL, so that every test
    /// (and every pair of gateway nodes) has a database of its own and tests can run in parallel.
    /// - Parameter settings: defaults to give the database's sessions (`ALTER DATABASE … SET`).
    public static func freshDatabase(settings: [(name: String, value: String)] = []) async throws -> String {
        guard let admin = ProcessInfo.processInfo.environment["HANDOVER_TEST_POSTGRES_URL"], !admin.isEmpty,
            var components = URLComponents(string: admin), let host = components.host, let user = components.user
        else { throw Missing() }
        let name = "handover_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: String(components.path.dropFirst()), tls: .disable
        )
        let client = PostgresClient(configuration: configuration)
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        // The name is generated above from hex digits only, so it needs no quoting.
        for try await _ in try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)")) {}
        for setting in settings {
            // Test settings are literals written in the tests themselves.
            for try await _ in try await client.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(name) SET \(setting.name) = '\(setting.value)'")) {}
        }
        components.path = "/" + name
        guard let url = components.string else { throw Missing() }
        return url
    }
}
