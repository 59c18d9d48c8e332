import ArgumentParser
import Foundation
import HandoverFormats
import HandoverModel

/// `handover-bench formats`: decode and encode time per message for each partner format the
/// gateway translates, on every example in `contracts/formats/<format>/examples/`.
struct FormatCodecs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "Time decode and encode of each contract example, per partner format."
    )

    @Option(help: "Repetitions of each step.") var iterations = 20_000
    @Option(help: "Repository root holding contracts/.") var root = "."

    func run() throws {
        let contracts = URL(fileURLWithPath: root).appendingPathComponent("contracts")
        let json = Array(try Data(contentsOf: contracts.appendingPathComponent("canonical/examples/referral-chc-checklist.submission.json")))
        let micros = try MicroTiming.microseconds(iterations: iterations) {
            _ = try json.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) }
        }
        print(String(format: "%8.1f us  handover-json submission decode (%d bytes)", micros, json.count))

        let sender = try Self.partner("bench-sender", kind: .localAuthority, scheme: .gss, code: "E06000030")
        let recipient = try Self.partner("bench-recipient", kind: .icb, scheme: .ods, code: "QOX")
        for format in PartnerFormat.allCases {
            guard let codec = PartnerCodecs.codec(for: format) else { continue }
            let folder = contracts.appendingPathComponent("formats/\(format.rawValue)/examples")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
            for name in names {
                let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
                let context = DecodingContext(sender: sender, directory: Self.everyCodeDirectory(bytes, to: recipient.mailbox))
                guard let submission = try? codec.decode(bytes, context: context).first else {
                    print("   (skipped \(format.rawValue) \(name): it does not decode with the bench's directory)")
                    continue
                }
                let decode = try MicroTiming.microseconds(iterations: iterations) { _ = try codec.decode(bytes, context: context) }
                let message = OutboundMessage(
                    envelope: MessageEnvelope(
                        id: MessageID(), sender: sender.mailbox, recipient: submission.recipient, kind: submission.kind,
                        conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
                        createdAt: Date(), senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
                    ),
                    payload: submission.payload, senderOrganisation: sender.organisation, recipientOrganisation: recipient.organisation
                )
                let encode = try MicroTiming.microseconds(iterations: iterations) { _ = try codec.encode(message) }
                print(String(format: "%8.1f us decode %8.1f us encode  %@ %@ (%d bytes)", decode, encode, format.rawValue, name, bytes.count))
            }
        }
    }

    static func partner(_ mailbox: String, kind: OrganisationKind, scheme: OrganisationIdentifierScheme, code: String) throws -> Partner {
        Partner(
            mailbox: try MailboxID(validating: mailbox), name: mailbox,
            organisation: Organisation(kind: kind, identifier: try OrganisationIdentifier(scheme: scheme, value: code), name: mailbox),
            format: .handoverJSON
        )
    }

    /// A directory that routes every upper-case code-like token of the example to one mailbox, so
    /// any example decodes whatever organisation it addresses.
    static func everyCodeDirectory(_ bytes: [UInt8], to recipient: MailboxID) -> RoutingDirectory {
        let text = String(decoding: bytes, as: UTF8.self)
        var codes: [String: MailboxID] = [:]
        for token in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) where token.count <= 12 {
            codes[String(token)] = recipient
        }
        return RoutingDirectory(codes)
    }
}
