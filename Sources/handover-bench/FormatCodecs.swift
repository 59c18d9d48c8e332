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
        for format in PartnerFormat.allCases {
            guard let codec = PartnerCodecs.codec(for: format) else { continue }
            // Encoding is measured to a recipient on the format, who must be of the kind it serves.
            let recipient = try Self.recipient(on: format)
            let folder = contracts.appendingPathComponent("formats/\(format.rawValue)/examples")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.sorted() ?? []
            for name in names {
                let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
                let codes = Self.codeTokens(bytes)
                let directory = RoutingDirectory(Dictionary(uniqueKeysWithValues: codes.map { ($0, recipient.mailbox) }))
                let found: (TranslatedSubmission, DecodingContext)
                do {
                    guard let decoded = try Self.decodeAsItsSender(bytes, codec: codec, codes: codes, directory: directory, fallback: sender) else { continue }
                    found = decoded
                } catch {
                    print("   (skipped \(format.rawValue) \(name): \(error))")
                    continue
                }
                let (submission, context) = found
                let decode = try MicroTiming.microseconds(iterations: iterations) { _ = try codec.decode(bytes, context: context) }
                let message = OutboundMessage(
                    envelope: MessageEnvelope(
                        id: MessageID(), sender: context.sender.mailbox, recipient: submission.recipient, kind: submission.kind,
                        conversationId: submission.conversationId ?? MessageID(), subject: submission.subject, purpose: submission.purpose,
                        createdAt: Date(), senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
                    ),
                    payload: submission.payload, senderOrganisation: context.sender.organisation, recipientOrganisation: recipient.organisation
                )
                let encode = try MicroTiming.microseconds(iterations: iterations) { _ = try codec.encode(message) }
                print(String(format: "%8.1f us decode %8.1f us encode  %@ %@ (%d bytes)", decode, encode, format.rawValue, name, bytes.count))
            }
        }
    }

    static func recipient(on format: PartnerFormat) throws -> Partner {
        switch format {
        case .fhirR4: try partner("bench-recipient", kind: .icb, scheme: .ods, code: "QOX")
        case .hl7v2, .hmppsJSON: try partner("bench-recipient", kind: .prison, scheme: .prisonAgency, code: "LEI")
        case .handoverJSON, .councilJSON, .councilCSV, .councilXML: try partner("bench-recipient", kind: .localAuthority, scheme: .gss, code: "E08000035")
        }
    }

    static func partner(_ mailbox: String, kind: OrganisationKind, scheme: OrganisationIdentifierScheme, code: String) throws -> Partner {
        Partner(
            mailbox: try MailboxID(validating: mailbox), name: mailbox,
            organisation: Organisation(kind: kind, identifier: try OrganisationIdentifier(scheme: scheme, value: code), name: mailbox),
            format: .handoverJSON
        )
    }

    /// Decodes `bytes` as sent by the organisation the example names as its sender: codecs refuse
    /// a message whose sender is not the partner posting it, so each code-like token of the
    /// example is tried as the sender's identifier until one decodes. Nil if the example holds
    /// no message; the first refusal is thrown if no sender fits.
    static func decodeAsItsSender(
        _ bytes: [UInt8], codec: any PartnerCodec, codes: [String], directory: RoutingDirectory, fallback: Partner
    ) throws -> (TranslatedSubmission, DecodingContext)? {
        let attempt = DecodingContext(sender: fallback, directory: directory)
        let firstError: HandoverModel.ValidationError
        do {
            return try codec.decode(bytes, context: attempt).first.map { ($0, attempt) }
        } catch {
            firstError = error
        }
        let kinds: [(OrganisationKind, OrganisationIdentifierScheme)] = [(.icb, .ods), (.nhsTrust, .ods), (.localAuthority, .gss), (.prison, .prisonAgency)]
        for code in codes {
            for (kind, scheme) in kinds {
                guard let sender = try? partner("bench-sender", kind: kind, scheme: scheme, code: code) else { continue }
                let context = DecodingContext(sender: sender, directory: directory)
                if let submission = try? codec.decode(bytes, context: context).first { return (submission, context) }
            }
        }
        throw firstError
    }

    /// Every distinct upper-case code-like token of an example (an ODS, GSS or agency code looks
    /// like one), so that a directory routing all of them to one mailbox decodes any example
    /// whatever organisation it addresses.
    static func codeTokens(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var seen: Set<String> = []
        var codes: [String] = []
        for token in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) where token.count <= 12 {
            let code = token.uppercased()
            if seen.insert(code).inserted { codes.append(code) }
        }
        return codes
    }
}
