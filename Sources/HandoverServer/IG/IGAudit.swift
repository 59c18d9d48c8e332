public import Foundation
import HandoverFormats
public import HandoverModel
public import HandoverStore

/// The IG audit for the command line (`handover ig ...`), over a store opened from the data
/// folder: the same search, exports and sign-in links as the API and console.
public enum IGAudit {
    /// Shares matching search parameters named as in the API (`nhsNumber`, `partner`, `from`,
    /// `to`, `purpose`, `basis`, `outcome`); at most 100,000.
    /// - Throws: `ValidationError` naming each malformed parameter.
    public static func search(_ store: any Store, parameters: [(String, String)]) async throws -> [MessageRecord] {
        let parser = ShareQueryParser(parameters, maxLimit: 10_000)
        if !parser.issues.isEmpty { throw ValidationError(parser.issues) }
        var page = try await store.shares(matching: parser.query, after: nil, limit: 1_000)
        var records = page.messages
        while let next = page.next, records.count < 100_000 {
            page = try await store.shares(matching: parser.query, after: next, limit: 1_000)
            records += page.messages
        }
        return records
    }

    /// The shares as CSV, with a header row.
    public static func csv(_ records: [MessageRecord], store: any Store) async throws -> String {
        let partners = try await partnerMap(store)
        return ShareCSV.line(ShareCSV.header) + records.map { ShareCSV.line(ShareCSV.row($0, partners: partners)) }.joined()
    }

    /// The shares as a FHIR Bundle of AuditEvents.
    public static func fhir(_ records: [MessageRecord], store: any Store, now: Date) async throws -> [UInt8] {
        AuditEventFHIR.bundle(records, partners: try await partnerMap(store), now: now).serialized
    }

    /// One share as the IG API shows it.
    public static func json(_ record: MessageRecord, store: any Store) async throws -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        ShareJSON.write(record, into: &writer, partners: try await partnerMap(store))
        return writer.bytes
    }

    /// A consent as the registry API shows it.
    public static func json(_ consent: Consent) -> [UInt8] { CanonicalConsentCodec.json(consent) }

    /// Reads a consent-grant payload (JSON) for `person`, recorded from the command line.
    public static func consent(json: [UInt8], person: NHSNumber, now: Date) throws -> Consent {
        try CanonicalConsentCodec.grant(json: json, subject: person, at: "", recording: .init(via: "cli", at: now))
    }

    /// A one-time console sign-in link (path and query) for `username`, valid for two minutes.
    public static func loginLink(store: any Store, username: String, next: String = "/ig/shares", now: Date) async throws -> String {
        let token = ConsoleSession.token()
        try await store.createIGLoginToken(hash: APIKey.hash(token), username: username, expiresAt: now.addingTimeInterval(ConsoleSession.loginLinkLifetime))
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return "/ig/login/link?token=\(token)&next=\(ConsoleSession.safeNext(next).addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }

    static func partnerMap(_ store: any Store) async throws -> [MailboxID: Partner] {
        Dictionary(try await store.partners().map { ($0.mailbox, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
