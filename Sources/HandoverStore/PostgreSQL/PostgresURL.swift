import Foundation
import NIOSSL
import PostgresNIO

/// Reads a `postgres://` URL into a client configuration.
enum PostgresURL {
    static func configuration(_ text: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw StoreError(.storage, "the PostgreSQL URL must look like postgres://user:password@host:5432/database")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError(.storage, "the PostgreSQL URL names no user (postgres://user:password@host/database)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let tls: PostgresClient.Configuration.TLS
        switch components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer" {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        case let other: throw StoreError(.storage, "sslmode \(other) is not supported; use disable, prefer or require")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 }, database: database.isEmpty ? nil : database, tls: tls
        )
        // Group commit is the server's job here: many nodes, each with a pool, commit concurrently.
        configuration.options.maximumConnections = 16
        // A 202 promises the message is durable, so a database or role default of
        // synchronous_commit = off (or local) must not apply to the gateway's sessions.
        configuration.options.additionalStartupParameters = [("synchronous_commit", "on")]
        return configuration
    }
}
