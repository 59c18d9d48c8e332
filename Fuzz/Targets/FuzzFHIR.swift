import Foundation
import HandoverFormats
import HandoverModel

/// The organisations and mailboxes of the seed corpus (contracts/formats/fhir-r4/examples), so
/// mutated seeds get past routing into the mapping.
let directory: RoutingDirectory? = {
    guard let icb = try? MailboxID(validating: "bsw-icb"), let trust = try? MailboxID(validating: "gwh-trust"),
        let swindon = try? MailboxID(validating: "swindon-asc"), let wiltshire = try? MailboxID(validating: "wiltshire-asc")
    else { return nil }
    return RoutingDirectory(["QOX": icb, "RN3": trust, "E06000030": swindon, "E06000054": wiltshire, "bsw-icb": icb, "swindon-asc": swindon])
}()

/// libFuzzer entry: any bytes through the FHIR R4 message decoder, and whatever decodes back
/// through the encoder (and its output through the decoder again). A refusal is fine; a crash,
/// hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFHIR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let directory, let submission = try? FHIRMessageDecoder.decode(bytes, directory: directory),
        let organisation = try? OrganisationIdentifier(scheme: .ods, value: "QOX")
    else { return 0 }
    let envelope = MessageEnvelope(
        id: MessageID(), sender: submission.recipient, recipient: submission.recipient, kind: submission.kind,
        conversationId: submission.conversationId ?? (submission.kind.isReply ? MessageID() : nil), subject: submission.subject,
        purpose: submission.purpose, createdAt: Date(timeIntervalSince1970: 1_795_000_000), senderLocalId: submission.senderLocalId,
        lawfulBasis: submission.lawfulBasis
    )
    let party = Organisation(kind: .icb, identifier: organisation, name: "NHS BSW ICB")
    let message = OutboundMessage(envelope: envelope, payload: submission.payload, senderOrganisation: party, recipientOrganisation: party)
    if let output = try? FHIRMessageEncoder.encode(message) {
        _ = try? FHIRMessageDecoder.decode(output.bytes, directory: directory)
    }
    return 0
}
