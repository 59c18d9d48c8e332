import Crypto
import Foundation
import HandoverLedger
import Testing

/// Partner submission signatures: RFC 7515 compact JWS with detached content (Appendix F).
struct DetachedJWSTests {
    struct Partner {
        let signing: PartnerSigningKey
        let key: PartnerKey

        init(_ algorithm: JWSAlgorithm, kid: String = "bsw-icb-2026") throws {
            signing = PartnerSigningKey.generate(algorithm)
            key = try signing.partnerKey(kid: kid)
        }

        func sign(body: [UInt8] = Submission.body, localID: String? = Submission.localID) throws -> DetachedJWS {
            try DetachedJWS.sign(
                body: body, key: signing, kid: key.kid, recipient: Submission.recipient, kind: Submission.kind, localID: localID
            )
        }
    }

    static func verify(_ compact: String, body: [UInt8] = Submission.body, keys: [PartnerKey], localID: String? = Submission.localID)
        throws -> VerifiedSignature
    {
        try DetachedJWS.parse(compact).verify(
            body: body, keys: keys, recipient: Submission.recipient, kind: Submission.kind, localID: localID
        )
    }

    @Test(arguments: JWSAlgorithm.allCases)
    func signAndVerifyRoundTrip(algorithm: JWSAlgorithm) throws {
        let partner = try Partner(algorithm)
        let jws = try partner.sign()
        let parts = jws.compact.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3 && parts[1].isEmpty)
        #expect(bytes(base64url: String(parts[2])).count == 64)

        // The header is the documented JSON, and hov.sha is base64url SHA-256 of the body.
        let header = try JSONSerialization.jsonObject(with: Data(bytes(base64url: String(parts[0])))) as? [String: String]
        #expect(header?["alg"] == algorithm.rawValue)
        #expect(header?["kid"] == "bsw-icb-2026")
        #expect(header?["hov.rcp"] == Submission.recipient)
        #expect(header?["hov.knd"] == Submission.kind)
        #expect(header?["hov.lid"] == Submission.localID)
        #expect(header?["hov.sha"] == base64url(SHA256.hash(data: Submission.body)))

        let other = try Partner(algorithm == .edDSA ? .es256 : .edDSA, kid: "other")
        let verified = try Self.verify(jws.compact, keys: [other.key, partner.key])
        #expect(verified.compact == jws.compact)
        #expect(verified.kid == "bsw-icb-2026")
        #expect(verified.key == partner.key)
        #expect(verified.algorithm == algorithm)
        #expect(verified.bodyDigest == Array(SHA256.hash(data: Submission.body)))
        #expect(verified.header.localID == Submission.localID)

        // Without a local id the claim is absent, and only a nil local id matches it.
        let anonymous = try partner.sign(localID: nil)
        #expect(try Self.verify(anonymous.compact, keys: [partner.key], localID: nil).header.localID == nil)
    }

    @Test func theCompactTextIsKeptExactlyAsReceived() throws {
        // A header whose members are in another order, with whitespace and an extra "typ",
        // signed by hand: verification must use these exact bytes, and keep them.
        let partner = try Partner(.edDSA)
        let json = "{ \"hov.sha\":\"\(base64url(SHA256.hash(data: Submission.body)))\", \"typ\":\"JOSE\",\n"
            + "\"hov.knd\":\"referral\",\"hov.rcp\":\"swindon-asc\",\"kid\":\"bsw-icb-2026\",\"alg\":\"EdDSA\"}"
        let encoded = base64url(Array(json.utf8))
        let signature = try partner.signing.signature(for: DetachedJWS.signingInput(encodedHeader: encoded, body: Submission.body))
        let text = encoded + ".." + base64url(signature)
        let verified = try Self.verify(text, keys: [partner.key], localID: nil)
        #expect(verified.compact == text)
        #expect(try DetachedJWS.parse(text).encodedHeader == encoded)
    }

    @Test(arguments: JWSAlgorithm.allCases)
    func tamperingIsRefusedWithItsOwnCode(algorithm: JWSAlgorithm) throws {
        let partner = try Partner(algorithm)
        let jws = try partner.sign()
        let keys = [partner.key]

        // A changed body no longer matches hov.sha.
        var body = Submission.body
        body[10] ^= 0x01
        #expect(throws: LedgerError.bodyDigestMismatch(reason: "")) {
            try Self.verify(jws.compact, body: body, keys: keys)
        }
        // A flipped signature bit.
        let parts = jws.compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let badSignature = parts[0] + ".." + base64url(flipping(bytes(base64url: parts[2]), byte: 5))
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try Self.verify(badSignature, keys: keys)
        }
        // Another recipient written into the header under the original signature.
        var header = String(decoding: bytes(base64url: parts[0]), as: UTF8.self)
        header = header.replacingOccurrences(of: Submission.recipient, with: "wiltshire-asc")
        let rerouted = base64url(Array(header.utf8)) + ".." + parts[2]
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try DetachedJWS.parse(rerouted).verify(
                body: Submission.body, keys: keys, recipient: "wiltshire-asc", kind: Submission.kind, localID: Submission.localID
            )
        }
        // The right key under another partner's key id is unknown, another key is invalid.
        #expect(throws: LedgerError.unknownKeyID(reason: "")) {
            try Self.verify(jws.compact, keys: [try partner.signing.partnerKey(kid: "someone-else")])
        }
        let impostor = try Partner(algorithm)
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try Self.verify(jws.compact, keys: [impostor.key])
        }
        #expect(throws: LedgerError.ambiguousKey(reason: "")) {
            try Self.verify(jws.compact, keys: [partner.key, impostor.key])
        }
    }

    @Test func es256SignaturesInDERAreRefused() throws {
        let partner = try Partner(.es256)
        let jws = try partner.sign()
        let parts = jws.compact.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let der = try P256.Signing.ECDSASignature(rawRepresentation: bytes(base64url: parts[2])).derRepresentation
        let error = #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try Self.verify(parts[0] + ".." + base64url(der), keys: [partner.key])
        }
        #expect(error?.reason.contains("not DER") == true)
    }

    @Test func routingClaimMismatchesNameTheClaim() throws {
        let partner = try Partner(.edDSA)
        let jws = try DetachedJWS.parse(try partner.sign().compact)
        let cases: [(String, String, String, String?)] = [
            ("hov.rcp", "wiltshire-asc", Submission.kind, Submission.localID),
            ("hov.knd", Submission.recipient, "placement-query", Submission.localID),
            ("hov.lid", Submission.recipient, Submission.kind, "REF-2026-0002"),
            ("hov.lid", Submission.recipient, Submission.kind, nil),
        ]
        for (claim, recipient, kind, localID) in cases {
            let error = #expect(throws: LedgerError.routingClaimMismatch(reason: "")) {
                try jws.verify(body: Submission.body, keys: [partner.key], recipient: recipient, kind: kind, localID: localID)
            }
            #expect(error?.reason.hasPrefix(claim) == true, "\(error?.reason ?? "")")
        }
    }

    @Test func aKeyOnlyVerifiesItsOwnAlgorithm() throws {
        // An EdDSA header naming an ES256 key is refused before any signature check.
        let edPartner = try Partner(.edDSA)
        let jws = try edPartner.sign()
        let p256 = try PartnerSigningKey.generate(.es256).partnerKey(kid: edPartner.key.kid)
        #expect(throws: LedgerError.unsupportedAlgorithm(reason: "")) {
            try Self.verify(jws.compact, keys: [p256])
        }
    }

    static let sha = base64url(SHA256.hash(data: Submission.body))
    static func header(alg: String, extra: String = "") -> String {
        "{\"alg\":\"\(alg)\",\"kid\":\"k\",\"hov.rcp\":\"swindon-asc\",\"hov.knd\":\"referral\",\"hov.sha\":\"\(sha)\"\(extra)}"
    }

    @Test(arguments: ["none", "HS256", "HS512", "RS256", "PS256", "ES384", "ES256K", "Ed25519", "eddsa"])
    func refusedAlgorithms(alg: String) {
        #expect(throws: LedgerError.unsupportedAlgorithm(reason: "")) {
            try DetachedJWS.parse(compact(headerJSON: Self.header(alg: alg)))
        }
    }

    @Test func theValidHeaderShapeParses() throws {
        let jws = try DetachedJWS.parse(compact(headerJSON: Self.header(alg: "ES256")))
        #expect(jws.header.algorithm == .es256)
        #expect(jws.header.kid == "k")
        #expect(jws.header.localID == nil)
    }

    @Test(arguments: [
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"alg\":\"EdDSA\"")),  // duplicate member
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"kid\":\"other\"")),  // duplicate kid
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"crit\":[\"hov.rcp\"]")),
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"b64\":false")),
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"hov.lid\":\"\"")),
        compact(headerJSON: header(alg: "EdDSA", extra: ",\"hov.lid\":7")),
        compact(headerJSON: "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"hov.rcp\":\"swindon-asc\",\"hov.sha\":\"\(sha)\"}"),  // no hov.knd
        compact(headerJSON: "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"hov.rcp\":\"a\",\"hov.knd\":\"b\",\"hov.sha\":\"AAAA\"}"),  // short sha
        compact(headerJSON: "{\"alg\":\"EdDSA\",\"kid\":1,\"hov.rcp\":\"a\",\"hov.knd\":\"b\",\"hov.sha\":\"\(sha)\"}"),
        compact(headerJSON: "[\"alg\",\"EdDSA\"]"),
        compact(headerJSON: header(alg: "EdDSA") + " x"),
        compact(headerJSON: String(header(alg: "EdDSA").dropLast())),
        compact(headerJSON: header(alg: "EdDSA")).replacingOccurrences(of: "..", with: ".e30."),  // attached payload
        compact(headerJSON: header(alg: "EdDSA")) + ".",  // four parts
        compact(headerJSON: header(alg: "EdDSA")).replacingOccurrences(of: "..", with: "."),  // two parts
        compact(headerJSON: header(alg: "EdDSA")) + "=",  // padded signature
        "=" + compact(headerJSON: header(alg: "EdDSA")),
        "",
        String(repeating: "A", count: 9000) + "..AAAA",
    ])
    func malformedCompactTextIsRefused(text: String) {
        #expect(throws: LedgerError.malformedJWS(reason: "")) {
            try DetachedJWS.parse(text)
        }
    }
}
