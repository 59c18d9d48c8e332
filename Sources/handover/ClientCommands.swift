import ArgumentParser
import AsyncHTTPClient
import Foundation
import HandoverClient

/// Options every client command shares: where the gateway is and how to authenticate.
struct ClientOptions: ParsableArguments {
    @Option(name: .long, help: "Gateway base URL (or HANDOVER_URL).")
    var url: String = ProcessInfo.processInfo.environment["HANDOVER_URL"] ?? "http://127.0.0.1:8080"

    @Option(name: .long, help: "API key (or HANDOVER_API_KEY).")
    var key: String?

    @Option(name: .long, help: "Client certificate chain (PEM) for mutual TLS.")
    var cert: String?

    @Option(name: .long, help: "Client private key (PEM) for mutual TLS.")
    var certKey: String?

    @Option(name: .long, help: "CA certificate (PEM) that signed the gateway's certificate.")
    var ca: String?

    /// Runs `body` with a client, shutting the HTTP client down afterwards.
    func withClient<T>(_ body: (HandoverClient) async throws -> T) async throws -> T {
        let tls = (cert ?? certKey ?? ca) == nil ? nil : HandoverClient.TLSFiles(certificateChain: cert, privateKey: certKey, trustedCA: ca)
        let http = try HandoverClient.makeHTTPClient(tls: tls)
        do {
            let result = try await body(HandoverClient(baseURL: url, apiKey: key ?? ProcessInfo.processInfo.environment["HANDOVER_API_KEY"], http: http))
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

/// Prints an answer: the body to stdout on success; the problem to stderr and a failing exit otherwise.
func finish(_ answer: HandoverClient.Answer) throws {
    if (200..<300).contains(answer.status) {
        print(answer.text)
    } else {
        FileHandle.standardError.write(Data("HTTP \(answer.status)\n\(answer.text)\n".utf8))
        throw ExitCode(answer.status == 401 ? 3 : answer.status >= 500 ? 4 : 2)
    }
}

struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Submit a canonical JSON message from a file (- for stdin).")
    @OptionGroup var client: ClientOptions
    @Argument(help: "File with the message.") var file: String
    @Option(help: "Idempotency key; a retry with the same key and body returns the original message id.")
    var idempotencyKey: String?
    @Option(help: "Sign the submission with this private JWK file (from 'handover keygen').")
    var signKey: String?

    func run() async throws {
        if file == "-" {
            let data = Array(FileHandle.standardInput.readDataToEndOfFile())
            let signature = try signKey.map { try SubmissionSigner(keyFile: $0).sign(submission: data) }
            try finish(try await client.withClient { try await $0.submit(data, idempotencyKey: idempotencyKey, signature: signature) })
            return
        }
        let signature = try signKey.map { key in
            try SubmissionSigner(keyFile: key).sign(submission: Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped))
        }
        let progress = ProgressReporter(label: "sending", total: nil)
        let answer = try await client.withClient { client in
            try await client.submit(file: URL(fileURLWithPath: file), idempotencyKey: idempotencyKey, signature: signature) { sent, total in
                progress.update(sent, total: total)
            }
        }
        progress.done()
        try finish(answer)
    }
}

struct Inbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List messages waiting in your inbox, oldest first.")
    @OptionGroup var client: ClientOptions
    @Option(help: "Continue after this cursor (the 'next' of the previous page).") var cursor: String?
    @Option(help: "Page size, 1 to 500.") var limit: Int?

    func run() async throws {
        try finish(try await client.withClient { try await $0.inbox(cursor: cursor, limit: limit) })
    }
}

struct Fetch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Download one message (to stdout, or to a file with progress).")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Message id.") var id: String
    @Option(name: .shortAndLong, help: "Write the message to this file.") var output: String?

    func run() async throws {
        guard let output else {
            try finish(try await client.withClient { try await $0.download(id) })
            return
        }
        let progress = ProgressReporter(label: "receiving", total: nil)
        let answer = try await client.withClient {
            try await $0.download(id, to: URL(fileURLWithPath: output)) { received, total in
                progress.update(received, total: total)
            }
        }
        progress.done()
        if answer.status == 200 {
            print("saved \(id) to \(output)")
        } else {
            try finish(answer)
        }
    }
}

struct Ack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Acknowledge a downloaded message; it leaves your inbox.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Message id.") var id: String

    func run() async throws {
        try finish(try await client.withClient { try await $0.acknowledge(id) })
    }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Track a message you sent: accepted, delivered, downloaded, acknowledged or expired.")
    @OptionGroup var client: ClientOptions
    @Argument(help: "Message id (omit to list your outbox).") var id: String?

    func run() async throws {
        try finish(try await client.withClient { client in
            if let id { return try await client.track(id) }
            return try await client.outbox()
        })
    }
}
