import Foundation
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird

extension MESHService {
    /// `PUT /messageexchange/{mailbox}/inbox/{id}/status/acknowledged`: the message leaves the
    /// inbox; recorded in the store and log as a native acknowledgement. Acknowledging twice is
    /// answered as the first time.
    func acknowledge(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        let meshID = Self.meshID(id)
        do {
            _ = try await store.acknowledge(id, by: partner.mailbox, now: now)
        } catch let error as StoreError {
            switch error.code {
            case .notFound: throw MESHError.noSuchMessage(meshID)
            case .gone: throw MESHError(.gone, event: "ACK", code: "20", "Message has expired or been removed", messageID: meshID)
            case .conflict: throw MESHError(.conflict, event: "ACK", code: "", "download message \(meshID) before acknowledging it", messageID: meshID)
            default: throw error
            }
        }
        let version = MESHVersion.of(request.headers)
        guard version == .v1 else { return Response(status: .ok) }
        var writer = MESHJSON()
        writer.object { $0.field("messageId", meshID) }
        return writer.response(.ok, version: version)
    }

    /// `GET /messageexchange/{mailbox}/outbox/tracking?messageID=`: what happened to a message the
    /// caller sent. A message it did not send is not found (404, never 403), as in MESH.
    func track(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let version = MESHVersion.of(request.headers)
        let raw = request.uri.queryParameters["messageID"].map(String.init) ?? ""
        guard let requested = try? MessageID(validating: raw) else { throw MESHError.noSuchMessage(raw.uppercased()) }
        let meshID = Self.meshID(requested)
        var tracking: Tracking
        var id = requested
        if let upload = try await store.meshUpload(id), upload.sender == partner.mailbox, let accepted = upload.acceptedID { id = accepted }
        if let record = try await store.message(id, visibleTo: partner.mailbox), record.envelope.sender == partner.mailbox {
            let metadata = try await store.meshMetadata(id)
            tracking = Tracking(record: record, metadata: metadata)
            tracking.recipientName = try await mailboxes.partner(record.envelope.recipient)?.name
            tracking.recipientOrganisation = try await mailboxes.partner(record.envelope.recipient)?.organisation
            tracking.recipient = try await mailboxes.address(of: record.envelope.recipient)
        } else if let upload = try await store.meshUpload(id), upload.sender == partner.mailbox, upload.completedAt == nil {
            tracking = Tracking(upload: upload)
        } else {
            throw MESHError.noSuchMessage(meshID)
        }
        var writer = MESHJSON()
        writer.object { version == .v2 ? tracking.writeV2(into: &$0) : tracking.writeV1(into: &$0) }
        return writer.response(.ok, version: version, versioned: true)
    }

    /// `GET /messageexchange/endpointlookup/{ods}/{workflow}`: the MESH mailboxes of an organisation.
    func lookup(_ request: Request, context: GatewayContext) async throws -> Response {
        let ods = (context.parameters.get("ods") ?? "").uppercased()
        let workflow = context.parameters.get("workflow") ?? ""
        let matches = try await receivers(of: workflow).filter { $0.partner.organisation.identifier.value.uppercased() == ods }
        return results(matches, version: MESHVersion.of(request.headers))
    }

    /// `GET /messageexchange/workflowsearch/{workflow}`: every MESH mailbox that receives a workflow.
    func workflowSearch(_ request: Request, context: GatewayContext) async throws -> Response {
        try await results(receivers(of: context.parameters.get("workflow") ?? ""), version: MESHVersion.of(request.headers))
    }

    private func receivers(of workflow: String) async throws -> [MESHMailboxDirectory.Entry] {
        guard let route = workflows.route(workflow) else { return [] }
        let all = try await mailboxes.all()
        guard case .passThrough(let passThrough) = route, let allowed = passThrough.recipients?.map({ $0.uppercased() }) else { return all }
        return all.filter { allowed.contains($0.mailbox.id) }
    }

    private func results(_ entries: [MESHMailboxDirectory.Entry], version: MESHVersion) -> Response {
        var writer = MESHJSON()
        writer.object { document in
            if version == .v1 { document.field("query_id", MessageID().value) }
            document.field("results", objects: entries.count) { index, result in
                let entry = entries[index]
                if version == .v2 {
                    result.field("mailbox_id", entry.mailbox.id)
                    result.field("mailbox_name", entry.partner.name)
                } else {
                    result.field("address", entry.mailbox.id)
                    result.field("description", entry.partner.name)
                    result.field("endpoint_type", "MESH")
                }
            }
        }
        return writer.response(.ok, version: version)
    }
}

/// A tracking document in MESH's v2 (snake case, ISO times) or v1 (camel case, compact times) shape.
struct Tracking {
    var id: MessageID
    var localID: String?
    var workflowID: String
    var fileName: String?
    var expiry: Date?
    var uploaded: Date
    var recipient: String
    var recipientName: String?
    var recipientOrganisation: Organisation?
    /// `uploading`, `accepted`, `acknowledged` or `undeliverable`.
    var status: String
    var statusTime: Date?
    var size: Int?
    var chunks: Int
    var acknowledged: Date?
    var compressed: Bool

    init(record: MessageRecord, metadata: MESHMetadata?) {
        id = record.envelope.id
        localID = metadata?.localID ?? record.envelope.senderLocalId
        workflowID = MESHService.workflowID(of: record, metadata: metadata)
        fileName = metadata?.fileName
        expiry = record.expiresAt
        uploaded = record.envelope.createdAt
        recipient = record.envelope.recipient.value
        status = record.expiredAt != nil ? "undeliverable" : record.acknowledgedAt != nil ? "acknowledged" : "accepted"
        statusTime = record.expiredAt ?? record.acknowledgedAt ?? record.envelope.createdAt
        size = metadata?.chunkLengths.reduce(0, +) ?? record.payloadLength
        chunks = metadata?.chunkCount ?? 1
        acknowledged = record.acknowledgedAt
        compressed = metadata?.contentEncoding == "gzip"
    }

    init(upload: MESHUpload) {
        id = upload.id
        localID = upload.metadata.localID
        workflowID = upload.metadata.workflowID
        fileName = upload.metadata.fileName
        uploaded = upload.createdAt
        recipient = upload.metadata.recipient
        status = "uploading"
        statusTime = upload.createdAt
        chunks = upload.totalChunks
        compressed = upload.metadata.contentEncoding == "gzip"
    }

    func writeV2(into json: inout MESHJSON) {
        json.field("message_id", MESHService.meshID(id))
        json.field("local_id", localID)
        json.field("workflow_id", workflowID)
        json.field("filename", fileName)
        json.field("expiry_time", expiry.map(MESHTime.iso))
        json.field("upload_timestamp", MESHTime.iso(uploaded))
        json.field("recipient", recipient)
        json.field("recipient_name", recipientName)
        json.field("recipient_ods_code", recipientOrganisation?.identifier.value)
        json.field("recipient_org_code", recipientOrganisation?.identifier.value)
        json.field("recipient_org_name", recipientOrganisation?.name)
        json.field("status_success", status != "undeliverable")
        json.field("status", status)
        json.field("status_event", status == "undeliverable" ? "SEND" : status == "uploading" ? "UPLOAD" : "TRANSFER")
        json.field("status_timestamp", statusTime.map(MESHTime.iso))
        if status == "undeliverable" {
            json.field("status_code", "14")
            json.field("status_description", "Message not collected by recipient")
        }
    }

    func writeV1(into json: inout MESHJSON) {
        json.field("messageId", MESHService.meshID(id))
        json.field("localId", localID)
        json.field("workflowId", workflowID)
        json.field("fileName", fileName)
        json.field("fileSize", size ?? 0)
        json.field("chunkCount", chunks)
        json.field("status", status.prefix(1).uppercased() + status.dropFirst())
        json.field("statusSuccess", status == "undeliverable" ? "ERROR" : "SUCCESS")
        json.field("statusCode", status == "undeliverable" ? "14" : "00")
        json.field("statusTimestamp", statusTime.map(MESHTime.compact))
        json.field("uploadTimestamp", MESHTime.compact(uploaded))
        json.field("downloadTimestamp", acknowledged.map(MESHTime.compact))
        json.field("expiryTime", expiry.map(MESHTime.compact))
        json.field("recipient", recipient)
        json.field("recipientName", recipientName)
        json.field("recipientOrgCode", recipientOrganisation?.identifier.value)
        json.field("isCompressed", compressed ? "Y" : "N")
        json.field("addressType", "ALL")
        json.field("version", "1.0")
    }
}
