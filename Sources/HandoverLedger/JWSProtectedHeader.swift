/// The JWS Protected Header of a partner's submission signature (RFC 7515 section 4): the
/// registered `alg` and `kid` parameters and Handover's private routing parameters (RFC 7515
/// section 4.3), which are integrity-protected because the header is part of the signing input.
///
/// | parameter | meaning | required |
/// | --- | --- | --- |
/// | `alg` | `EdDSA` or `ES256` | yes |
/// | `kid` | the partner's key id | yes |
/// | `hov.rcp` | the recipient mailbox | yes |
/// | `hov.knd` | the message kind | yes |
/// | `hov.lid` | the sender's local id for the message | no |
/// | `hov.sha` | unpadded base64url SHA-256 of the exact body bytes | yes |
///
/// Other parameters (`typ`, `cty`, ...) are ignored; keys carried in the header (`jwk`, `jku`,
/// `x5c`, `x5u`) are never used. `crit` (section 4.1.11) and `b64` (RFC 7797) are refused, as
/// no extension is understood and the payload is always base64url-encoded in the signing input.
public struct JWSProtectedHeader: Sendable, Hashable {
    /// The signature algorithm (section 4.1.1).
    public let algorithm: JWSAlgorithm
    /// The key id (section 4.1.4).
    public let kid: String
    /// `hov.rcp`: the recipient mailbox the partner addressed.
    public let recipient: String
    /// `hov.knd`: the message kind the partner declared.
    public let kind: String
    /// `hov.lid`: the partner's own id for the message, if it sent one; never empty.
    public let localID: String?
    /// `hov.sha`: the 32-byte SHA-256 digest of the body.
    public let bodyDigest: [UInt8]

    /// Creates a header; ``encoded`` writes it and ``parse(encoded:)`` checks it.
    public init(algorithm: JWSAlgorithm, kid: String, recipient: String, kind: String, localID: String?, bodyDigest: [UInt8]) {
        self.algorithm = algorithm
        self.kid = kid
        self.recipient = recipient
        self.kind = kind
        self.localID = localID
        self.bodyDigest = bodyDigest
    }

    /// The unpadded base64url of the header's JSON: members in the order of the table above,
    /// no whitespace, strings escaped as RFC 8259 section 7 requires and otherwise left as UTF-8.
    public var encoded: String {
        var members: [(String, String)] = [
            ("alg", algorithm.rawValue), ("kid", kid), ("hov.rcp", recipient), ("hov.knd", kind),
        ]
        if let localID {
            members.append(("hov.lid", localID))
        }
        members.append(("hov.sha", Base64URL.encode(bodyDigest)))
        let json = "{" + members.map { "\(Self.quote($0.0)):\(Self.quote($0.1))" }.joined(separator: ",") + "}"
        return Base64URL.encode(Array(json.utf8))
    }

    /// Parses the first part of a compact JWS (RFC 7515 section 5.2 steps 2 to 5).
    ///
    /// - Throws: ``LedgerError/unsupportedAlgorithm(reason:)`` if `alg` is a string other than
    ///   `EdDSA` or `ES256` (so `none`, `HS256`, `RS256` ...); ``LedgerError/malformedJWS(reason:)``
    ///   if the part is not canonical base64url of a JSON object without duplicate members, or a
    ///   required parameter is missing, not a string or empty, `hov.sha` is not base64url of
    ///   32 bytes, the key id is invalid, or `crit` or `b64` is present.
    public static func parse(encoded: some StringProtocol) throws(LedgerError) -> JWSProtectedHeader {
        guard let json = Base64URL.decode(encoded) else {
            throw .malformedJWS(reason: "the protected header is not unpadded base64url")
        }
        let members: JSONObjectReader.Members
        switch JSONObjectReader.read(json) {
        case .success(let read): members = read
        case .failure(let error): throw .malformedJWS(reason: "the protected header is not a JSON object: \(error.reason)")
        }
        for refused in ["crit", "b64"] where members.names.contains(refused) {
            throw .malformedJWS(reason: "the protected header parameter \"\(refused)\" is not supported")
        }
        func string(_ name: String) throws(LedgerError) -> String {
            guard let value = members.strings[name], !value.isEmpty else {
                throw .malformedJWS(reason: "the protected header has no non-empty string \"\(name)\"")
            }
            return value
        }
        let alg = try string("alg")
        guard let algorithm = JWSAlgorithm(rawValue: alg) else {
            throw .unsupportedAlgorithm(reason: "alg \(alg.debugDescription) is refused; partners sign with EdDSA or ES256")
        }
        let kid = try string("kid")
        do {
            try PartnerKey.validate(kid: kid)
        } catch {
            throw .malformedJWS(reason: "the protected header's kid is invalid: \(error.reason)")
        }
        if members.names.contains("hov.lid") {
            _ = try string("hov.lid")
        }
        let sha = try string("hov.sha")
        guard let digest = Base64URL.decode(sha), digest.count == 32 else {
            throw .malformedJWS(reason: "\"hov.sha\" is not unpadded base64url of a 32-byte SHA-256 digest")
        }
        return JWSProtectedHeader(
            algorithm: algorithm,
            kid: kid,
            recipient: try string("hov.rcp"),
            kind: try string("hov.knd"),
            localID: members.strings["hov.lid"],
            bodyDigest: digest
        )
    }

    /// `text` as a JSON string literal (RFC 8259 section 7).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let digits = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
