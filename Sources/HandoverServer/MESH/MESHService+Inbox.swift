import Foundation
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird

extension MESHService {
    /// `GET /messageexchange/{mailbox}/inbox`: ids of messages waiting, oldest first, `max_results`
    /// (10 to 5000, default 500) at a time; v2 pages link to the next with `links.next`. Every
    /// message in the partner's inbox is listed, whichever API it was sent through, and listing
    /// records delivery as the native inbox does.
    func listInbox(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let mailbox = try mailbox(context)
        let version = MESHVersion.of(request.headers)
        let query = request.uri.queryParameters
        var limit = 500
        if let raw = query["max_results"] {
            guard let value = Int(raw), (10...5000).contains(value) else {
                throw MESHError(.badRequest, event: "", code: "", "max_results must be a whole number from 10 to 5000")
            }
            limit = value
        }
        var cursor: Int64?
        if let raw = query["continue_from"] {
            guard let sequence = MESHCursor.decode(String(raw)) else {
                throw MESHError(.badRequest, event: "", code: "", "continue_from is not a cursor this gateway issued")
            }
            cursor = sequence
        }
        let filter = query["workflow_filter"].map { MESHWorkflowFilter(String($0)) }
        let page = try await store.inbox(of: partner.mailbox, after: cursor, limit: limit, now: now)
        var records = page.messages
        if let filter {
            let metadata = try await store.meshMetadata(records.map(\.envelope.id))
            records = records.filter { filter.matches(Self.workflowID(of: $0, metadata: metadata[$0.envelope.id])) }
        }
        var writer = MESHJSON()
        let ids = records.map { Self.meshID($0.envelope.id) }
        if version == .v1 {
            writer.object { $0.field("messages", strings: ids) }
            return writer.response(.ok, version: version)
        }
        let path = "/messageexchange/\(mailbox)/inbox"
        var parameters = "max_results=\(limit)"
        if let raw = query["workflow_filter"] { parameters += "&workflow_filter=\(Self.percentEncoded(String(raw)))" }
        let count = try await store.inboxCount(of: partner.mailbox)
        writer.object {
            $0.field("messages", strings: ids)
            $0.field("links") { links in
                links.field("self", "\(path)?\(parameters)")
                if let next = page.next { links.field("next", "\(path)?\(parameters)&continue_from=\(MESHCursor.encode(next))") }
            }
            $0.field("approx_inbox_count", count)
        }
        return writer.response(.ok, version: version, versioned: true)
    }

    /// `GET /messageexchange/{mailbox}/count` (deprecated in MESH, kept for older clients).
    func count(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let version = MESHVersion.of(request.headers)
        let count = try await store.inboxCount(of: partner.mailbox)
        var writer = MESHJSON()
        writer.object {
            $0.field("count", count)
            if version == .v1 {
                $0.field("internalID", MessageID().value)
                $0.field("allResultsIncluded", true)
            }
        }
        return writer.response(.ok, version: version)
    }

    /// The `mex-WorkflowID` a message is delivered with: what it was sent with through MESH, else
    /// the Handover workflow of its kind.
    static func workflowID(of record: MessageRecord, metadata: MESHMetadata?) -> String {
        metadata?.workflowID ?? MESHWorkflows.workflowID(of: record.envelope.kind)
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? text
    }
}

/// MESH inbox cursors: opaque, at least 24 characters, naming the position after which the next
/// page starts, so paging never skips or repeats a message while new ones arrive.
enum MESHCursor {
    static let prefix = "hovmesh1-"

    static func encode(_ sequence: Int64) -> String {
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    static func decode(_ text: String) -> Int64? {
        guard text.hasPrefix(prefix), let value = Int64(text.dropFirst(prefix.count)), value >= 0 else { return nil }
        return value
    }
}

/// A MESH `workflow_filter`: `WF` equals, `!WF` not equals, `WF*` begins with, `*X*` contains,
/// each negated by a leading `!`.
struct MESHWorkflowFilter: Sendable {
    private var negated: Bool
    private var pattern: String
    private var prefix: Bool
    private var contains: Bool

    init(_ raw: String) {
        var text = Substring(raw)
        negated = text.hasPrefix("!")
        if negated { text = text.dropFirst() }
        contains = text.hasPrefix("*") && text.hasSuffix("*") && text.count >= 2
        prefix = !contains && text.hasSuffix("*")
        if contains {
            text = text.dropFirst().dropLast()
        } else if prefix {
            text = text.dropLast()
        }
        pattern = String(text)
    }

    func matches(_ workflowID: String) -> Bool {
        let hit = contains ? workflowID.contains(pattern) : prefix ? workflowID.hasPrefix(pattern) : workflowID == pattern
        return hit != negated
    }
}
