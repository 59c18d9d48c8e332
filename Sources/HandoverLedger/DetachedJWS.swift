import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A partner's signature over a submission: a JWS in the compact serialization with detached
/// content (RFC 7515 section 7.1 and Appendix F), `<protected>..<signature>` with an empty
/// payload part. The payload is the submission body itself, so the signing input is
/// `ASCII(BASE64URL(protected)) || "." || BASE64URL(body)` (RFC 7515 section 5.1 step 5); the
/// unencoded-payload option of RFC 7797 is not used.
///
/// Invariants: ``compact`` is kept exactly as received; ``header`` is its parsed first part and
/// is untrusted until ``verify(body:keys:recipient:kind:localID:)`` returns.
public struct DetachedJWS: Sendable, Hashable {
    /// The compact text, exactly as parsed or signed.
    public let compact: String
    /// The protected header, parsed but not yet verified.
    public let header: JWSProtectedHeader
    /// The signature bytes from the third part (not yet checked).
    public let signature: [UInt8]

    /// The longest compact text accepted, in bytes; a Handover header and signature need far less.
    public static let maximumCompactLength = 8192

    private init(compact: String, header: JWSProtectedHeader, signature: [UInt8]) {
        self.compact = compact
        self.header = header
        self.signature = signature
    }

    /// The first part of ``compact``, the base64url protected header, as received.
    public var encodedHeader: Substring {
        compact.prefix { $0 != "." }
    }

    /// Parses `<protected>..<signature>` (RFC 7515 section 5.2 steps 1 to 5, 7.2). Nothing is
    /// verified: call ``verify(body:keys:recipient:kind:localID:)``.
    ///
    /// - Throws: ``LedgerError/malformedJWS(reason:)`` if the text is longer than
    ///   ``maximumCompactLength``, has other than three dot-separated parts, carries a payload
    ///   (the content must be detached), or a part is not canonical unpadded base64url;
    ///   ``LedgerError/unsupportedAlgorithm(reason:)`` and the other errors of
    ///   ``JWSProtectedHeader/parse(encoded:)``.
    public static func parse(_ compact: String) throws(LedgerError) -> DetachedJWS {
        guard compact.utf8.count <= maximumCompactLength else {
            throw .malformedJWS(reason: "a detached JWS is at most \(maximumCompactLength) bytes")
        }
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedJWS(reason: "a compact JWS has three parts separated by '.'; this has \(parts.count)")
        }
        guard parts[1].isEmpty else {
            throw .malformedJWS(reason: "the payload part must be empty: the body is detached (RFC 7515 Appendix F)")
        }
        let header = try JWSProtectedHeader.parse(encoded: parts[0])
        guard let signature = Base64URL.decode(parts[2]), !signature.isEmpty else {
            throw .malformedJWS(reason: "the signature part is not unpadded base64url")
        }
        return DetachedJWS(compact: compact, header: header, signature: signature)
    }

    /// Verifies this signature over `body` for a submission routed to `recipient` as `kind`
    /// with the sender's `localID` (RFC 7515 section 5.2 steps 8 to 10), in this order:
    ///
    /// 1. `kid` names exactly one key among `keys` (``LedgerError/unknownKeyID(reason:)``;
    ///    ``LedgerError/ambiguousKey(reason:)`` if two different keys share it);
    /// 2. `alg` is that key's algorithm (``LedgerError/unsupportedAlgorithm(reason:)``);
    /// 3. `hov.sha` is SHA-256 of `body` (``LedgerError/bodyDigestMismatch(reason:)``), so a body
    ///    altered on the way is reported as such rather than as a bad signature;
    /// 4. the signature verifies over the header and `body` (``LedgerError/invalidSignature(reason:)``;
    ///    an ES256 signature must be the 64-byte `R || S` of RFC 7518 section 3.4, not DER);
    /// 5. `hov.rcp`, `hov.knd` and `hov.lid` equal `recipient`, `kind` and `localID`, an absent
    ///    `hov.lid` matching only `nil` (``LedgerError/routingClaimMismatch(reason:)``, whose
    ///    reason starts with the claim's name).
    public func verify(
        body: some DataProtocol,
        keys: [PartnerKey],
        recipient: String,
        kind: String,
        localID: String?
    ) throws(LedgerError) -> VerifiedSignature {
        let candidates = keys.filter { $0.kid == header.kid }
        guard let key = candidates.first else {
            throw .unknownKeyID(reason: "no key of this partner has kid \(header.kid.debugDescription)")
        }
        guard candidates.allSatisfy({ $0 == key }) else {
            throw .ambiguousKey(reason: "more than one key of this partner has kid \(header.kid.debugDescription)")
        }
        guard header.algorithm == key.algorithm else {
            throw .unsupportedAlgorithm(
                reason: "key \(key.kid.debugDescription) is an \(key.algorithm.rawValue) key; the header says \(header.algorithm.rawValue)"
            )
        }
        let bodyBytes = Array(body)
        let digest = Array(SHA256.hash(data: bodyBytes))
        guard digest == header.bodyDigest else {
            throw .bodyDigestMismatch(
                reason: "the body's SHA-256 is \(Base64URL.encode(digest)); \"hov.sha\" is \(Base64URL.encode(header.bodyDigest))"
            )
        }
        guard signature.count == key.algorithm.signatureByteCount else {
            throw .invalidSignature(
                reason: "the signature is \(signature.count) bytes; \(key.algorithm.rawValue) signatures are 64 bytes"
                    + (key.algorithm == .es256 ? " of R || S (RFC 7518 section 3.4), not DER" : "")
            )
        }
        let input = Self.signingInput(encodedHeader: encodedHeader, body: bodyBytes)
        guard key.isValidSignature(signature, for: input) else {
            throw .invalidSignature(reason: "the \(key.algorithm.rawValue) signature by kid \(key.kid.debugDescription) does not verify")
        }
        let claims: [(String, String?, String?)] = [
            ("hov.rcp", header.recipient, recipient), ("hov.knd", header.kind, kind), ("hov.lid", header.localID, localID),
        ]
        for (name, signed, actual) in claims where signed != actual {
            throw .routingClaimMismatch(
                reason: "\(name): the signature says \(signed?.debugDescription ?? "nothing"); "
                    + "the submission says \(actual?.debugDescription ?? "nothing")"
            )
        }
        return VerifiedSignature(compact: compact, key: key, header: header)
    }

    /// Signs `body` as partner key `kid` for a submission to `recipient` of `kind` with the
    /// sender's `localID`: the header of ``JWSProtectedHeader`` with `hov.sha` = SHA-256(`body`),
    /// signed over `header || "." || BASE64URL(body)` (RFC 7515 section 5.1), detached.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` for an invalid `kid`;
    ///   ``LedgerError/malformedJWS(reason:)`` for an empty `recipient`, `kind` or `localID`;
    ///   ``LedgerError/signingFailed(reason:)``.
    public static func sign(
        body: some DataProtocol,
        key: PartnerSigningKey,
        kid: String,
        recipient: String,
        kind: String,
        localID: String?
    ) throws(LedgerError) -> DetachedJWS {
        try PartnerKey.validate(kid: kid)
        guard !recipient.isEmpty, !kind.isEmpty, localID?.isEmpty != true else {
            throw .malformedJWS(reason: "recipient, kind and a local id, when given, must not be empty")
        }
        let bodyBytes = Array(body)
        let header = JWSProtectedHeader(
            algorithm: key.algorithm,
            kid: kid,
            recipient: recipient,
            kind: kind,
            localID: localID,
            bodyDigest: Array(SHA256.hash(data: bodyBytes))
        )
        let encodedHeader = header.encoded
        let signature = try key.signature(for: signingInput(encodedHeader: encodedHeader, body: bodyBytes))
        return DetachedJWS(compact: encodedHeader + ".." + Base64URL.encode(signature), header: header, signature: signature)
    }

    /// The JWS Signing Input `ASCII(encodedHeader) || "." || ASCII(BASE64URL(body))`
    /// (RFC 7515 section 5.1 step 5).
    public static func signingInput(encodedHeader: some StringProtocol, body: some DataProtocol) -> [UInt8] {
        var input = Array(encodedHeader.utf8)
        input.append(UInt8(ascii: "."))
        input.append(contentsOf: Base64URL.encode(Array(body)).utf8)
        return input
    }
}
