import Foundation
import HandoverFormats
import HandoverModel

/// A council partner and the organisations of the seed corpus (contracts/formats/council-json and
/// council-csv), so mutated seeds get past routing into the mapping.
let context: DecodingContext? = {
    guard let swindon = try? MailboxID(validating: "swindon-asc"), let icb = try? MailboxID(validating: "bsw-icb"),
        let wiltshire = try? MailboxID(validating: "wiltshire-asc"), let code = try? OrganisationIdentifier(scheme: .gss, value: "E06000030")
    else { return nil }
    let partner = Partner(mailbox: swindon, name: "Swindon", organisation: Organisation(kind: .localAuthority, identifier: code, name: "Swindon"), format: .councilJSON)
    let directory = RoutingDirectory([
        "E06000030": swindon, "swindon-asc": swindon, "QOX": icb, "bsw-icb": icb, "RN3": icb, "LEI": icb, "E06000054": wiltshire,
        "E06000022": wiltshire, "wiltshire-asc": wiltshire,
    ])
    return DecodingContext(sender: partner, directory: directory)
}()

/// libFuzzer entry: any bytes through the council JSON and council CSV decoders (and the CSV
/// reader under them), and whatever decodes back through both encoders, delivered to the council
/// that sent it. A refusal is fine; a crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCouncil(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let context else { return 0 }
    _ = CSVReader.read(bytes)
    var decoded: [TranslatedSubmission] = []
    if let json = try? CouncilJSONCodec().decode(bytes, context: context) { decoded += json }
    if let rows = try? CouncilCSVCodec().decode(bytes, context: context) { decoded += rows }
    for submission in decoded {
        let envelope = MessageEnvelope(
            id: MessageID(), sender: submission.recipient, recipient: context.sender.mailbox, kind: submission.kind,
            conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
        )
        let message = OutboundMessage(envelope: envelope, payload: submission.payload, senderOrganisation: nil, recipientOrganisation: context.sender.organisation)
        _ = try? CouncilJSONCodec().encode(message)
        _ = try? CouncilCSVCodec().encode(message)
    }
    return 0
}
