import Foundation
import HandoverLedger

/// Unpadded base64url (RFC 4648 section 5) of `bytes`, written with Foundation's base64 so the
/// tests do not share the module's encoder.
func base64url(_ bytes: some Sequence<UInt8>) -> String {
    Data(bytes).base64EncodedString()
        .replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// The bytes of unpadded base64url text; traps on malformed input (test data only).
func bytes(base64url text: String) -> [UInt8] {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
    return Array(Data(base64Encoded: standard)!)
}

/// A compact detached JWS whose protected header is exactly `json` and whose signature part
/// is `signature`, for tests that hand-craft headers.
func compact(headerJSON json: String, signature: [UInt8] = Array(repeating: 7, count: 64)) -> String {
    base64url(Array(json.utf8)) + ".." + base64url(signature)
}

/// Fixed values for submissions in the tests.
enum Submission {
    static let body = Array("{\"kind\":\"referral\",\"subject\":{\"nhsNumber\":\"9434765919\"}}\n".utf8)
    static let recipient = "swindon-asc"
    static let kind = "referral"
    static let localID = "REF-2026-0001"
}
