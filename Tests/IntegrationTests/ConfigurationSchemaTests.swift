import Foundation
import HandoverModel
import HandoverServer
import HandoverTestSupport
import Testing

/// `contracts/config.schema.json` says what the gateway reads: configurations the gateway's own
/// types write validate against it (checked by jsonschema, through contracts/check_config.py),
/// broken ones do not, its enums are the model's, and a section may give only some members.
@Suite struct ConfigurationSchemaTests {
    static let schemaURL = PythonCheck.root.appendingPathComponent("contracts/config.schema.json")

    /// A configuration with every section and every kind of partner entry.
    static func everySection() throws -> GatewayConfiguration {
        let council = Organisation(kind: .localAuthority, identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000030"), name: "Swindon Borough Council")
        let icb = Organisation(kind: .icb, identifier: try OrganisationIdentifier(scheme: .ods, value: "QOX"), name: "BSW ICB")
        let hash = String(repeating: "ab", count: 32)
        return GatewayConfiguration(
            listen: .init(host: "0.0.0.0", port: 8443),
            dataDirectory: "/var/lib/handover/data",
            store: .init(postgres: "postgres://handover:secret@db.internal:5432/handover?sslmode=require"),
            tls: .init(certificateChain: "tls/gateway.pem", privateKey: "tls/gateway.key", clientCertificateAuthority: "tls/partners-ca.pem"),
            limits: .init(maxMessageBytes: 1_000_000, inlineMessageBytes: 65_536, maxPageSize: 100),
            retention: .init(expirySeconds: 86_400, sweepIntervalSeconds: 30),
            ledger: .init(origin: "handover.swindon.gov.uk/ledger", checkpointIntervalSeconds: 2),
            partners: [
                PartnerConfiguration(
                    mailbox: "swindon-asc", name: "Swindon case system", organisation: council, format: .councilJSON,
                    apiKeySHA256: [hash], certificateSHA256: [hash], signing: .required,
                    signingKeys: [SigningKeyConfiguration(kid: "swindon-2026", jwk: ["kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"])],
                    mesh: PartnerMESHConfiguration(mailbox: "X26ABC1", password: "password")
                ),
                PartnerConfiguration(mailbox: "bsw-icb", name: "BSW ICB", organisation: icb, format: .fhirR4),
            ],
            mesh: MESHConfiguration(
                sharedKey: "TestKey",
                passThrough: [
                    PassThroughWorkflow(
                        workflowId: "TEST_WORKFLOW", purpose: .directCare,
                        lawfulBasis: LawfulBasisConfiguration(statute: .healthAndSocialCareAct2012s251B, article6: .publicTask, article9: .healthOrSocialCare),
                        description: "test traffic", senders: ["X26ABC1"]
                    )
                ]
            )
        )
    }

    static func file(_ json: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("handover-config-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        return url
    }

    @Test func whatTheGatewaysTypesWriteValidatesAndReadsBack() throws {
        let written = try JSONEncoder().encode(try Self.everySection())
        let file = try Self.file(String(decoding: written, as: UTF8.self))
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try PythonCheck.run("contracts/check_config.py", [file.path, PythonCheck.root.appendingPathComponent("deploy/handover.example.json").path])
        #expect(check.status == 0, "\(check.output)")

        let read = try GatewayConfiguration.load(from: file)
        #expect(read.store?.postgres == "postgres://handover:secret@db.internal:5432/handover?sslmode=require")
        #expect(read.partners.map(\.mailbox) == ["swindon-asc", "bsw-icb"])
        #expect(read.mesh?.passThrough.first?.workflowId == "TEST_WORKFLOW")
        #expect(read.tls?.privateKey == file.deletingLastPathComponent().appendingPathComponent("tls/gateway.key").path, "relative to the file")
    }

    @Test(arguments: [
        (#"{"listen": {"port": 8080, "hots": "0.0.0.0"}}"#, "/listen"),
        (#"{"limits": {"maxMessageBytes": 0}}"#, "/limits/maxMessageBytes"),
        (#"{"store": {"postgres": "mysql://db/handover"}}"#, "/store/postgres"),
        (#"{"mesh": {"passThrough": []}}"#, "/mesh"),
        (#"{"partners": [{"mailbox": "Swindon ASC", "name": "x", "format": "handover-json", "organisation": {"kind": "local-authority", "identifier": {"scheme": "gss", "value": "E06000030"}, "name": "Swindon"}}]}"#, "/partners/0/mailbox"),
        (#"{"partners": [{"mailbox": "swindon-asc", "name": "x", "format": "csv", "organisation": {"kind": "local-authority", "identifier": {"scheme": "gss", "value": "E06000030"}, "name": "Swindon"}}]}"#, "/partners/0/format"),
        (#"{"mesh": {"sharedKey": "k", "passThrough": [{"workflowId": "W", "purpose": "direct-care", "lawfulBasis": {"statute": "care-act-2014-s6"}}]}}"#, "/mesh/passThrough/0/lawfulBasis"),
    ])
    func brokenConfigurationsAreRefusedNamingTheMember(json: String, member: String) throws {
        let file = try Self.file(json)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try PythonCheck.run("contracts/check_config.py", [file.path])
        #expect(check.status == 1, "\(check.output)")
        #expect(check.output.contains(": \(member)"), "\(check.output)")
    }

    @Test func aSectionMayGiveOnlyWhatItChanges() throws {
        let file = try Self.file(#"{"listen": {"port": 9000}, "limits": {"maxPageSize": 100}, "retention": {"expirySeconds": 60}, "ledger": {"origin": "handover.leeds.gov.uk/ledger"}}"#)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try PythonCheck.run("contracts/check_config.py", [file.path])
        #expect(check.status == 0, "\(check.output)")
        let read = try GatewayConfiguration.load(from: file)
        let defaults = GatewayConfiguration()
        #expect(read.listen.port == 9000 && read.listen.host == defaults.listen.host)
        #expect(read.limits.maxPageSize == 100 && read.limits.maxMessageBytes == defaults.limits.maxMessageBytes)
        #expect(read.retention.expirySeconds == 60 && read.retention.sweepIntervalSeconds == defaults.retention.sweepIntervalSeconds)
        #expect(read.ledger.origin == "handover.leeds.gov.uk/ledger")
        #expect(read.ledger.checkpointIntervalSeconds == defaults.ledger.checkpointIntervalSeconds)
    }

    @Test func theSchemasEnumsAndDefaultsAreTheModels() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        let partner = try #require((definitions["partner"] as? [String: Any])?["properties"] as? [String: Any])
        #expect((partner["format"] as? [String: Any])?["enum"] as? [String] == PartnerFormat.allCases.map(\.rawValue))
        #expect((partner["signing"] as? [String: Any])?["enum"] as? [String] == SigningRequirement.allCases.map(\.rawValue))

        let properties = try #require(schema["properties"] as? [String: Any])
        func defaultValue(_ section: String, _ member: String) -> Double? {
            (((properties[section] as? [String: Any])?["properties"] as? [String: Any])?[member] as? [String: Any])?["default"] as? Double
        }
        let defaults = GatewayConfiguration()
        let mesh = MESHConfiguration(sharedKey: "")
        #expect(defaultValue("listen", "port") == Double(defaults.listen.port))
        #expect(defaultValue("limits", "maxMessageBytes") == Double(defaults.limits.maxMessageBytes))
        #expect(defaultValue("limits", "inlineMessageBytes") == Double(defaults.limits.inlineMessageBytes))
        #expect(defaultValue("limits", "maxPageSize") == Double(defaults.limits.maxPageSize))
        #expect(defaultValue("retention", "expirySeconds") == defaults.retention.expirySeconds)
        #expect(defaultValue("retention", "sweepIntervalSeconds") == defaults.retention.sweepIntervalSeconds)
        #expect(defaultValue("ledger", "checkpointIntervalSeconds") == defaults.ledger.checkpointIntervalSeconds)
        #expect(defaultValue("mesh", "maxChunkBytes") == Double(mesh.maxChunkBytes))
        #expect(defaultValue("mesh", "maxInflatedChunkBytes") == Double(mesh.maxInflatedChunkBytes))
        #expect(defaultValue("mesh", "maxConcurrentRequests") == Double(mesh.maxConcurrentRequests))
        #expect(defaultValue("mesh", "retryAfterSeconds") == Double(mesh.retryAfterSeconds))
    }
}
