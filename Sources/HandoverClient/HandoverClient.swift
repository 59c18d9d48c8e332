public import AsyncHTTPClient
public import Foundation
import NIOCore
public import NIOHTTP1
import NIOSSL

/// A partner's client for the native API, over AsyncHTTPClient so that it can present a client
/// certificate for mutual TLS (URLSession on Linux cannot).
public struct HandoverClient: Sendable {
    /// An HTTP answer: status, headers and the whole body.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        /// The first header with this name (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }

        /// The body as text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Files for mutual TLS: the client's certificate chain and key, and the CA that signed the gateway.
    public struct TLSFiles: Sendable {
        public var certificateChain: String?
        public var privateKey: String?
        public var trustedCA: String?
        /// Creates a TLS file set; all paths are PEM files.
        public init(certificateChain: String? = nil, privateKey: String? = nil, trustedCA: String? = nil) {
            self.certificateChain = certificateChain
            self.privateKey = privateKey
            self.trustedCA = trustedCA
        }
    }

    public let baseURL: String
    public let apiKey: String?
    public let http: HTTPClient

    /// Creates a client on an existing `HTTPClient` (shared by many partners in the benchmark).
    public init(baseURL: String, apiKey: String?, http: HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.apiKey = apiKey
        self.http = http
    }

    /// An `HTTPClient` configured for the gateway, with a client certificate when given.
    public static func makeHTTPClient(tls: TLSFiles? = nil, connectionsPerHost: Int = 8) throws -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(120))
        if let tls {
            var settings = TLSConfiguration.makeClientConfiguration()
            if let chain = tls.certificateChain {
                settings.certificateChain = try NIOSSLCertificate.fromPEMFile(chain).map { .certificate($0) }
            }
            if let key = tls.privateKey {
                settings.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
            if let authority = tls.trustedCA { settings.trustRoots = .file(authority) }
            configuration.tlsConfiguration = settings
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends one request and collects the answer (up to `maxBody` bytes).
    public func request(
        _ method: HTTPMethod,
        _ path: String,
        body: HTTPClientRequest.Body? = nil,
        headers: [(String, String)] = [],
        maxBody: Int = 64 * 1024 * 1024
    ) async throws -> Answer {
        let response = try await http.execute(makeRequest(method, path, body: body, headers: headers), timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: maxBody)
        return Answer(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Array(bytes.readableBytesView)
        )
    }

    /// Submits a canonical JSON message.
    public func submit(_ json: [UInt8], idempotencyKey: String? = nil, signature: String? = nil) async throws -> Answer {
        var headers = [("Content-Type", "application/json")]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        if let signature { headers.append(("Handover-Signature", signature)) }
        return try await request(.POST, "/v1/messages", body: .bytes(ByteBuffer(bytes: json)), headers: headers)
    }

    /// Submits a canonical JSON message streamed from a file, reporting bytes sent.
    public func submit(
        file: URL,
        idempotencyKey: String? = nil,
        signature: String? = nil,
        progress: @escaping @Sendable (_ sent: Int, _ total: Int) -> Void
    ) async throws -> Answer {
        let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0
        try FileHandle(forReadingFrom: file).close()  // fail here, clearly, if the file cannot be read
        var headers = [("Content-Type", "application/json")]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        if let signature { headers.append(("Handover-Signature", signature)) }
        let chunks = FileChunks(url: file) { sent in progress(sent, size) }
        return try await request(.POST, "/v1/messages", body: .stream(chunks, length: .known(Int64(size))), headers: headers)
    }

    /// Lists the inbox, one page.
    public func inbox(cursor: String? = nil, limit: Int? = nil) async throws -> Answer {
        try await request(.GET, "/v1/inbox" + Self.query(cursor: cursor, limit: limit))
    }

    /// Lists the outbox, one page.
    public func outbox(cursor: String? = nil, limit: Int? = nil) async throws -> Answer {
        try await request(.GET, "/v1/outbox" + Self.query(cursor: cursor, limit: limit))
    }

    /// Downloads one message whole.
    public func download(_ id: String) async throws -> Answer {
        try await request(.GET, "/v1/inbox/\(id)")
    }

    /// Acknowledges one message.
    public func acknowledge(_ id: String) async throws -> Answer {
        try await request(.POST, "/v1/inbox/\(id)/ack")
    }

    /// Tracks one message.
    public func track(_ id: String) async throws -> Answer {
        try await request(.GET, "/v1/outbox/\(id)")
    }

    /// The log's latest signed checkpoint (a C2SP signed note).
    public func checkpoint() async throws -> Answer {
        try await request(.GET, "/v1/log/checkpoint")
    }

    /// The log's origin and the gateway's verifier keys.
    public func logKeys() async throws -> Answer {
        try await request(.GET, "/v1/log/keys")
    }

    /// The inclusion proof of leaf `leaf` in the tree of `size` leaves (the latest checkpoint's when nil).
    public func inclusionProof(leaf: String, size: String? = nil) async throws -> Answer {
        try await request(.GET, "/v1/log/proof/inclusion?leaf=\(leaf)" + (size.map { "&size=\($0)" } ?? ""))
    }

    /// The consistency proof between the trees of `from` and `to` leaves (the latest checkpoint's when nil).
    public func consistencyProof(from: String, to: String? = nil) async throws -> Answer {
        try await request(.GET, "/v1/log/proof/consistency?from=\(from)" + (to.map { "&to=\($0)" } ?? ""))
    }

    /// An offline proof bundle of every event of a message the caller sent or received.
    public func proofBundle(_ id: String) async throws -> Answer {
        try await request(.GET, "/v1/messages/\(id)/proof")
    }

    /// Downloads one message into a file without holding it in memory, reporting progress.
    /// - Returns: the HTTP status and, for a failure, the problem document.
    public func download(
        _ id: String,
        to file: URL,
        progress: @Sendable (_ received: Int, _ total: Int?) -> Void
    ) async throws -> Answer {
        let response = try await http.execute(makeRequest(.GET, "/v1/inbox/\(id)", body: nil, headers: []), timeout: .seconds(600))
        let status = Int(response.status.code)
        let headers = response.headers.map { ($0.name, $0.value) }
        guard status == 200 else {
            let bytes = try await response.body.collect(upTo: 1024 * 1024)
            return Answer(status: status, headers: headers, body: Array(bytes.readableBytesView))
        }
        let total = response.headers.first(name: "content-length").flatMap(Int.init)
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path])
        }
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        var received = 0
        for try await chunk in response.body {
            try handle.write(contentsOf: Data(chunk.readableBytesView))
            received += chunk.readableBytes
            progress(received, total)
        }
        return Answer(status: status, headers: headers, body: [])
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String, body: HTTPClientRequest.Body?, headers: [(String, String)]) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = body
        return request
    }

    private static func query(cursor: String?, limit: Int?) -> String {
        var items: [String] = []
        if let cursor { items.append("cursor=\(cursor)") }
        if let limit { items.append("limit=\(limit)") }
        return items.isEmpty ? "" : "?" + items.joined(separator: "&")
    }
}
