import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird

/// The log API: the latest signed checkpoint, the gateway's verifier keys, inclusion and
/// consistency proofs (RFC 9162 section 2.1), and offline proof bundles for a message's parties.
/// Leaves carry commitments, never payloads, so any partner may read checkpoints and proofs.
extension Gateway {
    /// `GET /v1/log/checkpoint`: the latest checkpoint as a C2SP signed note (text/plain).
    func latestCheckpoint(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requirePartner()
        let checkpoint = try await currentCheckpoint()
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: checkpoint.note)))
    }

    /// `GET /v1/log/keys`: the log's origin and every verifier key it has signed with, current last.
    func logKeys(_ request: Request, context: GatewayContext) async throws -> Response {
        _ = try context.requirePartner()
        var writer = JSONWriter()
        writer.write(
            .object([
                ("origin", .string(ledger.origin)),
                ("current", .string(ledger.keyring.signer.verifier.verifierKey)),
                ("verifierKeys", .array(ledger.keyring.verifiers.map { .string($0.verifierKey) })),
            ])
        )
        return Self.jsonResponse(writer.bytes)
    }

    /// `GET /v1/log/proof/inclusion?leaf=N[&size=M]`: the audit path of leaf N in the tree of M
    /// leaves (default: the latest checkpoint's size).
    func inclusionProof(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        do {
            let query = request.uri.queryParameters
            let leaf = try Self.treeNumber(query["leaf"].map(String.init), name: "leaf")
            let size = try await treeSize(query["size"].map(String.init), name: "size")
            guard let leaf else {
                throw Problem(
                    .badRequest, "invalid-query", title: "The leaf index is missing", detail: "leaf is required",
                    path: "leaf", rule: "required", hint: "send the leafIndex from your receipt"
                )
            }
            let proof = try await ledgerCall { try await ledger.inclusionProof(leafIndex: leaf, treeSize: size) }
            let root = try await ledgerCall { try await ledger.root(size: size) }
            let stored = try await store.leaves(from: leaf, limit: 1).first
            var writer = JSONWriter()
            writer.write(
                .object([
                    ("leafIndex", .number(String(leaf))),
                    ("treeSize", .number(String(size))),
                    ("leafHash", stored.map { .string(Hex.encode($0.hash)) } ?? .null),
                    ("rootHash", .string(Hex.encode(root))),
                    ("auditPath", .array(proof.auditPath.map { .string(Hex.encode($0)) })),
                ])
            )
            return Self.jsonResponse(writer.bytes)
        } catch {
            await recordRefusal(error, actor: partner.mailbox, recipient: nil, context: context)
            throw error
        }
    }

    /// `GET /v1/log/proof/consistency?from=A[&to=B]`: the proof that the tree of B leaves extends
    /// the tree of A leaves (B defaults to the latest checkpoint's size).
    func consistencyProof(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        do {
            let query = request.uri.queryParameters
            guard let from = try Self.treeNumber(query["from"].map(String.init), name: "from") else {
                throw Problem(
                    .badRequest, "invalid-query", title: "The old tree size is missing", detail: "from is required",
                    path: "from", rule: "required", hint: "send the tree size of the checkpoint you hold"
                )
            }
            let to = try await treeSize(query["to"].map(String.init), name: "to")
            let proof = try await ledgerCall(sizeField: "to") { try await ledger.consistencyProof(from: from, to: to) }
            let oldRoot = try await ledgerCall(sizeField: "from") { try await ledger.root(size: from) }
            let newRoot = try await ledgerCall(sizeField: "to") { try await ledger.root(size: to) }
            var writer = JSONWriter()
            writer.write(
                .object([
                    ("oldSize", .number(String(from))),
                    ("newSize", .number(String(to))),
                    ("oldRootHash", .string(Hex.encode(oldRoot))),
                    ("newRootHash", .string(Hex.encode(newRoot))),
                    ("consistencyPath", .array(proof.consistencyPath.map { .string(Hex.encode($0)) })),
                ])
            )
            return Self.jsonResponse(writer.bytes)
        } catch {
            await recordRefusal(error, actor: partner.mailbox, recipient: nil, context: context)
            throw error
        }
    }

    /// `GET /v1/messages/{id}/proof`: an offline proof bundle (`contracts/ledger/proof-bundle.md`)
    /// of every event of a message, for its sender or recipient, disclosing the payload salt while
    /// the payload is kept (both parties hold the payload already).
    func messageProof(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        guard try await store.message(id, visibleTo: partner.mailbox) != nil,
            let bundle = try await ledgerCall({ try await ledger.proofBundle(for: id, disclosingSalt: true, now: clock.now()) })
        else { throw Problem.notFound(id.description) }
        return Self.jsonResponse(try bundle.json())
    }

    /// A tree size from the query, or the latest checkpoint's size when absent.
    private func treeSize(_ raw: String?, name: String) async throws -> UInt64 {
        if let size = try Self.treeNumber(raw, name: name) { return size }
        return try await currentCheckpoint().treeSize
    }

    /// The latest checkpoint, issuing the first one if the log has leaves but none yet.
    /// - Throws: 404 `log-empty` while the log has no leaves.
    private func currentCheckpoint() async throws -> StoredCheckpoint {
        if let latest = try await store.latestCheckpoint() { return latest }
        guard let issued = try await issueCheckpoint() else {
            throw Problem(
                .notFound, "log-empty", title: "The log has no leaves yet",
                detail: "no checkpoint or proof exists for an empty log; ask again once a message has been submitted"
            )
        }
        return issued
    }

    private static func treeNumber(_ raw: String?, name: String) throws -> UInt64? {
        guard let raw else { return nil }
        guard let value = UInt64(raw), String(value) == raw else {
            throw Problem(
                .badRequest, "invalid-query", title: "\(name) is not a tree position", detail: "\(name) was \(raw.debugDescription)",
                path: name, rule: "non-negative-integer", hint: "send a whole number in decimal, without sign or leading zeros"
            )
        }
        return value
    }

    /// Runs a ledger operation, turning a request the log cannot answer into a 400 that says why.
    private func ledgerCall<T>(sizeField: String = "size", _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LedgerError {
            let rule: String
            switch error.code {
            case .invalidTreeSize: rule = "tree-size"
            case .invalidLeafIndex: rule = "leaf-index"
            default: throw error
            }
            throw Problem(
                .badRequest, "log-position-unknown", title: "The log never had that position", detail: error.reason,
                path: rule == "tree-size" ? sizeField : "leaf", rule: rule,
                hint: "ask for sizes up to the latest checkpoint's tree size (GET /v1/log/checkpoint) and leaves below it"
            )
        }
    }
}
