import Crypto
import Foundation
import HandoverLedger
import Testing

/// Partner public keys from JWKs (RFC 8037 section 2, RFC 7518 section 6.2.1).
struct PartnerKeyTests {
    static let okp = ["kty": "OKP", "crv": "Ed25519", "x": JWSKnownAnswerTests.ed25519X]
    static let ec = ["kty": "EC", "crv": "P-256", "x": JWSKnownAnswerTests.p256X, "y": JWSKnownAnswerTests.p256Y]

    @Test func jwkRoundTripsForBothAlgorithms() throws {
        for algorithm in JWSAlgorithm.allCases {
            let key = try PartnerSigningKey.generate(algorithm).partnerKey(kid: "bsw-icb-2026")
            #expect(key.algorithm == algorithm)
            #expect(key.publicKey.count == algorithm.publicKeyByteCount)
            let jwk = key.jwk
            #expect(jwk["kid"] == "bsw-icb-2026")
            #expect(jwk["alg"] == algorithm.rawValue)
            #expect(jwk["d"] == nil)
            #expect(try PartnerKey(kid: "bsw-icb-2026", jwk: jwk) == key)
        }
    }

    @Test func optionalMembersMustAgree() throws {
        var okp = Self.okp
        okp["alg"] = "EdDSA"
        okp["use"] = "sig"
        okp["kid"] = "k1"
        #expect(try PartnerKey(kid: "k1", jwk: okp).algorithm == .edDSA)

        for (name, value) in [("alg", "ES256"), ("use", "enc"), ("kid", "k2")] {
            var bad = okp
            bad[name] = value
            #expect(throws: LedgerError.malformedKey(reason: ""), "\(name)=\(value)") {
                try PartnerKey(kid: "k1", jwk: bad)
            }
        }
    }

    @Test func aPrivateJWKIsRefused() {
        var okp = Self.okp
        okp["d"] = JWSKnownAnswerTests.ed25519D
        let error = #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "k1", jwk: okp)
        }
        #expect(error?.reason.contains("private") == true)
    }

    @Test(arguments: [
        ["kty": "OKP", "crv": "X25519", "x": JWSKnownAnswerTests.ed25519X],  // key agreement curve
        ["kty": "OKP", "crv": "Ed448", "x": JWSKnownAnswerTests.ed25519X],
        ["kty": "EC", "crv": "P-384", "x": JWSKnownAnswerTests.p256X, "y": JWSKnownAnswerTests.p256Y],
        ["kty": "RSA", "n": "AQAB", "e": "AQAB"],
        ["kty": "oct", "k": "c2VjcmV0"],
        ["kty": "OKP", "crv": "Ed25519"],  // no x
        ["kty": "OKP", "crv": "Ed25519", "x": String(JWSKnownAnswerTests.ed25519X.dropLast(2))],  // 31 bytes
        ["kty": "OKP", "crv": "Ed25519", "x": JWSKnownAnswerTests.ed25519X + "="],  // padded
        ["kty": "EC", "crv": "P-256", "x": JWSKnownAnswerTests.p256X],  // no y
        // y of the RFC 7515 key with its last bit flipped: a field element, but not on the curve.
        ["kty": "EC", "crv": "P-256", "x": JWSKnownAnswerTests.p256X, "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5aw"],
    ])
    func unusableJWKsAreRefused(jwk: [String: String]) {
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "k1", jwk: jwk)
        }
    }

    @Test func rawKeysAreValidated() throws {
        let good = try JWSKnownAnswerTests.p256Key().publicKey
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "k", algorithm: .es256, publicKey: Array(good.dropFirst()))  // no 0x04
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "k", algorithm: .edDSA, publicKey: good)  // a P-256 point as Ed25519
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "", algorithm: .es256, publicKey: good)
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try PartnerKey(kid: "a\nb", algorithm: .es256, publicKey: good)
        }
        #expect(try PartnerKey(kid: "k", algorithm: .es256, publicKey: good).kid == "k")
    }
}
