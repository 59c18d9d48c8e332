import Foundation
import HandoverFormats
import HandoverModel

/// The recipients of the seed corpus (contracts/formats/hmpps-json/examples and golden), so
/// mutated seeds get past routing into the mapping.
let directory: RoutingDirectory? = {
    var mailboxes: [String: MailboxID] = [:]
    for (code, mailbox) in [("E08000035", "leeds-asc"), ("E08000017", "doncaster-asc"), ("LEI", "hmp-leeds"), ("WDI", "hmp-wakefield")] {
        guard let id = try? MailboxID(validating: mailbox) else { return nil }
        mailboxes[code] = id
    }
    return RoutingDirectory(mailboxes)
}()

/// The organisation an outbound message names as its recipient.
let recipient: Organisation? = (try? OrganisationIdentifier(scheme: .prisonAgency, value: "LEI")).map {
    Organisation(kind: .prison, identifier: $0, name: "HMP Leeds")
}

/// libFuzzer entry: any bytes through the hmpps-json decoder, and whatever decodes back through
/// the encoder. A refusal is fine; a crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHMPPS(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let directory, let recipient else { return 0 }
    guard let event = try? HMPPSEventDecoder.decode(bytes, directory: directory) else { return 0 }
    let submission = event.submission
    let envelope = MessageEnvelope(
        id: MessageID(), sender: submission.recipient, recipient: submission.recipient, kind: submission.kind,
        conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
        createdAt: Date(timeIntervalSince1970: 1_741_000_000), senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
    )
    let sender = Organisation(kind: event.sender.kind, identifier: event.sender.identifier, name: event.sender.name ?? "")
    _ = try? HMPPSEventEncoder.encode(OutboundMessage(envelope: envelope, payload: submission.payload, senderOrganisation: sender, recipientOrganisation: recipient))
    return 0
}
