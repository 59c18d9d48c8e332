import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Every canonical example, sent by a council on the canonical format to a recipient on each
/// translated format, over real HTTP: what the recipient downloads passes that format's external
/// validator, and a kind the format has no message for is refused with a pointer to the canonical
/// form, which the recipient can still download and acknowledge.
@Suite(.serialized) struct TranslationMatrixTests {
    struct Recipient {
        var mailbox: String
        var format: PartnerFormat
        var kind: OrganisationKind
        var scheme: OrganisationIdentifierScheme
        var code: String
        /// The format's external check, run on every message it downloads.
        var check: String
    }

    static let recipients = [
        Recipient(mailbox: "icb-fhir", format: .fhirR4, kind: .icb, scheme: .ods, code: "QOX", check: "contracts/formats/fhir-r4/check_fhir.py"),
        Recipient(mailbox: "prison-hl7", format: .hl7v2, kind: .prison, scheme: .prisonAgency, code: "LEI", check: "contracts/formats/hl7v2/check_hl7.py"),
        Recipient(mailbox: "wilts-xml", format: .councilXML, kind: .localAuthority, scheme: .gss, code: "E06000054", check: "contracts/formats/council-xml/check_council_xml.py"),
        Recipient(mailbox: "leeds-json", format: .councilJSON, kind: .localAuthority, scheme: .gss, code: "E08000035", check: "contracts/formats/council-json/check_council_json.py"),
        Recipient(mailbox: "york-csv", format: .councilCSV, kind: .localAuthority, scheme: .gss, code: "E06000014", check: "contracts/formats/council-csv/check_council_csv.py"),
        Recipient(mailbox: "mdi-hmpps", format: .hmppsJSON, kind: .prison, scheme: .prisonAgency, code: "MDI", check: "contracts/formats/hmpps-json/check_hmpps.py"),
    ]

    /// The canonical examples in the order they are sent; replies answer the first referral.
    static let examples = [
        "referral-chc-checklist", "referral-prison-arrival", "continuity-of-care-transfer", "placement-query",
        "decision-notice-joint-package", "placement-reply", "acknowledgement",
    ]

    static func example(_ name: String, to recipient: String, answering conversation: String?, localId: String) throws -> [UInt8] {
        let url = PythonCheck.root.appendingPathComponent("contracts/canonical/examples/\(name).submission.json")
        guard var object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        object["recipient"] = recipient
        object["senderLocalId"] = localId
        if object["conversationId"] != nil { object["conversationId"] = conversation }
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    @Test(arguments: recipients.map(\.mailbox))
    func everyExampleReachesARecipientOnEachFormat(mailbox: String) async throws {
        let recipient = try #require(Self.recipients.first { $0.mailbox == mailbox })
        let key = APIKey.generate()
        let gateway = try await RunningGateway.start { configuration in
            configuration.partners.append(
                PartnerConfiguration(
                    mailbox: recipient.mailbox, name: recipient.mailbox,
                    organisation: Organisation(
                        kind: recipient.kind,
                        // The table's codes are valid literals.
                        identifier: try! OrganisationIdentifier(scheme: recipient.scheme, value: recipient.code),
                        name: recipient.mailbox
                    ),
                    format: recipient.format, apiKeySHA256: [APIKey.hash(key)]
                )
            )
        }
        let council = gateway.client(RunningGateway.council)
        let reader = gateway.client(recipient.mailbox, key: key)
        // The CHC referral example relies on the person's recorded consent (contracts/policy/README.md).
        let everything = #"["demographics","contact","care-needs","care-plan","health-conditions","medication","mental-health-legal-status","custody","safeguarding","finance"]"#
        let consent = Messages.consent(id: "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70", recipients: #"[{"kind":"\#(recipient.kind.rawValue)"}]"#, categories: everything)
        #expect(try await council.post("/v1/consents", json: consent).status == 201)

        var sent: [(name: String, id: String)] = []
        var conversation: String?
        for (index, name) in Self.examples.enumerated() {
            let body = try Self.example(name, to: recipient.mailbox, answering: conversation, localId: "MATRIX-\(index)")
            let answer = try await council.submit(body)
            #expect(answer.status == 202, "\(name): \(answer.text)")
            let id = try #require(try Messages.string(answer, "id"))
            conversation = conversation ?? id
            sent.append((name, id))
        }

        _ = try await reader.inbox()
        let folder = gateway.folder.appendingPathComponent("matrix-\(recipient.mailbox)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [String] = []
        var refused: [String] = []
        for (name, id) in sent {
            let delivered = try await reader.download(id)
            if delivered.status == 200 {
                let url = folder.appendingPathComponent("\(name).out")
                try Data(delivered.body).write(to: url)
                files.append(url.path)
                continue
            }
            #expect(delivered.status == 422, "\(recipient.format.rawValue) \(name): \(delivered.text)")
            #expect(try Messages.problemErrors(delivered).contains { $0.rule == "translation-available" }, "\(delivered.text)")
            refused.append(name)
            let canonical = try await reader.request(.GET, "/v1/inbox/\(id)", headers: [("Accept", "application/vnd.handover.message+json")])
            #expect(canonical.status == 200)
            #expect(try Messages.object(canonical.body)["id"] as? String == id)
        }
        // Every format carries at least the first referral or a placement query, and an acknowledgement.
        #expect(files.count >= 2, "\(recipient.format.rawValue) refused \(refused)")
        let checked = try PythonCheck.run(recipient.check, files)
        #expect(checked.status == 0, "\(recipient.format.rawValue): \(checked.output)")
        for (_, id) in sent { #expect(try await reader.acknowledge(id).status == 200) }
        try await gateway.stopAndRemove()
    }
}
