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

/// The IG console in a real headless Chromium: an officer signs in, searches, opens a share with
/// its timeline and proof, and downloads the CSV; everything shown is escaped. Screenshots are
/// saved under `.build/test-output/ig-console/`.
@Suite struct IGConsoleTests {
    static let output = PythonCheck.root.appendingPathComponent(".build/test-output/ig-console", isDirectory: true)

    /// A scenario: two shares about one person (one to the prison, minimised), one consent.
    static func scenario(_ gateway: RunningGateway) async throws -> (referral: String, transfer: String, consent: String) {
        let council = gateway.client(RunningGateway.council)
        let consentID = UUID().uuidString.lowercased()
        let consent = Messages.consent(id: consentID).replacingOccurrences(of: #""givenBy":"person""#, with: #""givenBy":"lpa-welfare","givenByName":"<img src=x onerror=alert(1)> O'Brien""#)
        #expect(try await council.post("/v1/consents", json: consent).status == 201)
        let referral = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "UI-1", basis: Messages.consentBasis(consentID))), "id"))
        let s37 = #"{"statute":"care-act-2014-s37","article6":"6(1)(c)","article9":"9(2)(h)"}"#
        let transfer = try #require(try Messages.string(try await council.submit(Messages.share(
            kind: "continuity-of-care-transfer", to: RunningGateway.prison, purpose: "continuity-of-care", basis: s37,
            payload: #"{"stage":"information-pack","carePlanAttached":true,"observations":[{"code":"dx","display":"COPD","value":"severe"}]}"#
        )), "id"))
        let icb = gateway.client(RunningGateway.icb)
        _ = try await icb.inbox()
        _ = try await icb.download(referral)
        _ = try await icb.acknowledge(referral)
        _ = try await gateway.client(RunningGateway.prison).download(transfer)
        try await gateway.gateway.issueCheckpoint()
        return (referral, transfer, consentID)
    }

    static func link(_ gateway: RunningGateway, _ next: String) async throws -> String {
        gateway.baseURL + (try await gateway.gateway.consoleLoginLink(for: "ig-officer", next: next))
    }

    static func expectPNG(_ file: URL) throws {
        let data = try Data(contentsOf: file)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(file.lastPathComponent) is a PNG")
        #expect(data.count > 10_000, "\(file.lastPathComponent) shows a page (\(data.count) bytes)")
    }

    @Test func anOfficerSearchesOpensAShareWithItsTimelineAndProofAndDownloadsTheCSV() async throws {
        try #require(HeadlessChromium.isInstalled, "scripts/setup.sh installs Debian's chromium for this test")
        try FileManager.default.createDirectory(at: Self.output, withIntermediateDirectories: true)
        let gateway = try await RunningGateway.start()
        _ = try await gateway.igClient()
        let (referral, transfer, consentID) = try await Self.scenario(gateway)

        let search = "/ig/shares?nhsNumber=9434765919"
        let searchShot = Self.output.appendingPathComponent("search.png")
        try? FileManager.default.removeItem(at: searchShot)
        try HeadlessChromium.screenshot(try await Self.link(gateway, search), to: searchShot)
        try Self.expectPNG(searchShot)
        let searchDOM = try HeadlessChromium.dom(try await Self.link(gateway, search))
        #expect(searchDOM.contains("2 shares found"), "\(searchDOM.prefix(2000))")
        #expect(searchDOM.contains("/ig/shares/\(referral)") && searchDOM.contains("/ig/shares/\(transfer)"))
        #expect(searchDOM.contains("consent \(consentID)"), "the consent basis is shown")
        #expect(searchDOM.contains("Care Act 2014 s.37") && searchDOM.contains("no consent"))
        #expect(searchDOM.contains("id=\"csv-export\""))

        let detail = "/ig/shares/\(transfer)"
        let detailShot = Self.output.appendingPathComponent("share-detail.png")
        try? FileManager.default.removeItem(at: detailShot)
        try HeadlessChromium.screenshot(try await Self.link(gateway, detail), to: detailShot)
        try Self.expectPNG(detailShot)
        let detailDOM = try HeadlessChromium.dom(try await Self.link(gateway, detail))
        for event in ["submitted", "downloaded"] { #expect(detailDOM.contains("<td>\(event)</td>"), "timeline shows \(event)") }
        #expect(detailDOM.contains("is included in checkpoint"), "the proof is shown")
        #expect(detailDOM.contains("/payload/observations"), "fields removed are shown")
        #expect(detailDOM.contains("/ig/shares/\(transfer)/proof.json"))

        let consentsDOM = try HeadlessChromium.dom(try await Self.link(gateway, "/ig/people/9434765919/consents"))
        #expect(consentsDOM.contains("lpa-welfare") && !consentsDOM.contains("<img src=\"x\""), "a name with markup is shown as text")

        // The CSV, downloaded as the browser would: with the session cookie the sign-in link sets.
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let signIn = try await http.execute(HTTPClientRequest(url: try await Self.link(gateway, search)), timeout: .seconds(30))
        #expect(signIn.status.code == 303)
        let cookie = try #require(signIn.headers["Set-Cookie"].first)
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        var request = HTTPClientRequest(url: gateway.baseURL + "/ig/export.csv?nhsNumber=9434765919")
        request.headers.add(name: "Cookie", value: String(cookie.prefix { $0 != ";" }))
        let csv = try await http.execute(request, timeout: .seconds(30))
        #expect(csv.status.code == 200 && csv.headers["Content-Disposition"].first?.contains("attachment") == true)
        let text = String(buffer: try await csv.body.collect(upTo: 1 << 20))
        try Data(text.utf8).write(to: Self.output.appendingPathComponent("shares.csv"))
        #expect(text.split(separator: "\r\n").count == 3 && text.contains(referral) && text.contains(transfer))
        try await http.shutdown()
        try await gateway.stopAndRemove()
    }

    @Test func everythingShownIsEscapedAndFormsNeedTheSessionsToken() async throws {
        let gateway = try await RunningGateway.start()
        _ = try await gateway.igClient()
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let signIn = try await http.execute(HTTPClientRequest(url: try await Self.link(gateway, "/ig/shares")), timeout: .seconds(30))
        let cookie = String(try #require(signIn.headers["Set-Cookie"].first).prefix { $0 != ";" })
        var page = HTTPClientRequest(url: gateway.baseURL + "/ig/shares?partner=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        page.headers.add(name: "Cookie", value: cookie)
        let answer = try await http.execute(page, timeout: .seconds(30))
        let html = String(buffer: try await answer.body.collect(upTo: 1 << 20))
        #expect(answer.status.code == 400)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"), "\(html)")
        #expect(answer.headers["Content-Security-Policy"].first?.contains("default-src 'none'") == true)

        var verify = HTTPClientRequest(url: gateway.baseURL + "/ig/log/verify")
        verify.method = .POST
        verify.headers.add(name: "Cookie", value: cookie)
        verify.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        verify.body = .bytes(ByteBuffer(string: "csrf=forged"))
        #expect(try await http.execute(verify, timeout: .seconds(30)).status.code == 403, "a forged form is refused")

        let reused = try await http.execute(HTTPClientRequest(url: gateway.baseURL + "/ig/login/link?token=nonsense"), timeout: .seconds(30))
        #expect(reused.status.code == 401)
        try await http.shutdown()
        try await gateway.stopAndRemove()
    }
}
