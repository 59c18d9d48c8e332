import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// `handover consent` and `handover ig` against a gateway's data folder.
@Suite struct IGCommandLineTests {
    @Test func consentsAreRecordedListedAndWithdrawnAndTheAuditIsSearchedAndReported() async throws {
        let gateway = try await RunningGateway.start()
        let data = gateway.folder.path
        let consentID = UUID().uuidString.lowercased()
        let grant = gateway.folder.appendingPathComponent("grant.json")
        try Data(#"{"consentId":"\#(consentID)","givenBy":"person","decidedAt":"2026-11-20T10:00:00Z","purposes":["chc-assessment"],"recipients":[{"kind":"icb"}],"dataCategories":["health-conditions"],"recordedBy":"Front desk"}"#.utf8).write(to: grant)
        let recorded = try CommandLineTests.run(["consent", "record", "--data", data, "--nhs-number", "9434765919", grant.path])
        #expect(recorded.status == 0 && recorded.output.contains("recorded consent \(consentID)"), "\(recorded.errors)")
        let invalid = try CommandLineTests.run(["consent", "record", "--data", data, "--nhs-number", "9434765918", grant.path])
        #expect(invalid.status != 0, "an invalid NHS number is refused")

        let council = gateway.client(RunningGateway.council)
        let shared = try await council.submit(Messages.referral(localId: "CLI-1", basis: Messages.consentBasis(consentID)))
        #expect(shared.status == 202, "\(shared.text)")
        let listed = try CommandLineTests.run(["consent", "list", "--data", data, "--nhs-number", "9434765919"])
        #expect(listed.output.contains(consentID) && listed.output.contains(#""recordedVia":"cli""#))

        let account = try CommandLineTests.run(["ig", "account", "add", "--data", data, "--username", "pshah", "--name", "Priya Shah"])
        #expect(account.status == 0 && account.output.contains("hig_"), "\(account.errors)")
        let search = try CommandLineTests.run(["ig", "search", "--data", data, "--nhs-number", "9434765919", "--basis", "consent"])
        #expect(search.status == 0 && search.output.split(separator: "\n").count == 1 && search.output.contains(consentID), "\(search.output) \(search.errors)")
        let badDate = try CommandLineTests.run(["ig", "search", "--data", data, "--from", "last tuesday"])
        #expect(badDate.status != 0 && badDate.errors.contains("--from"), "\(badDate.errors)")

        let withdrawn = try CommandLineTests.run(["consent", "withdraw", "--data", data, consentID, "--recorded-by", "Front desk", "--reason", "asked"])
        #expect(withdrawn.status == 0 && withdrawn.output.contains("1 undownloaded messages withheld"), "\(withdrawn.output) \(withdrawn.errors)")
        let again = try CommandLineTests.run(["consent", "withdraw", "--data", data, consentID, "--recorded-by", "Front desk"])
        #expect(again.status != 0)

        let report = gateway.folder.appendingPathComponent("sar")
        let sar = try CommandLineTests.run(["ig", "subject-access", "--data", data, "--nhs-number", "9434765919", "-o", report.path])
        #expect(sar.status == 0, "\(sar.errors)")
        let files = try FileManager.default.contentsOfDirectory(atPath: report.path)
        #expect(files.contains("subject-access.json") && files.contains("shares.csv") && files.contains { $0.hasPrefix("proof-") })
        let link = try CommandLineTests.run(["ig", "login-link", "--data", data, "pshah"])
        #expect(link.output.hasPrefix("/ig/login/link?token="))
        try await gateway.stopAndRemove()
    }
}
