import Foundation
@testable import HandoverLedger
import Testing

/// The strict base64 coders against Foundation's, which nobody here wrote, and the texts that
/// a strict decoder must refuse (RFC 4648 sections 3.5, 4 and 5).
struct Base64Tests {
    /// Every length from 0 to 70 bytes, so each remainder modulo 3 is covered many times.
    static let samples: [[UInt8]] = (0...70).map { length in
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ length &* 37) }
    }

    @Test func standardMatchesFoundationBothWays() throws {
        for bytes in Self.samples {
            let expected = Data(bytes).base64EncodedString()
            #expect(Base64.encode(bytes) == expected)
            #expect(Base64.decode(expected) == bytes)
        }
    }

    @Test func urlSafeIsFoundationsWithTheURLAlphabetAndNoPadding() throws {
        for bytes in Self.samples {
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(expected) == bytes)
            #expect(Base64URL.decode(Substring(expected)) == bytes)
        }
    }

    @Test func standardRefusesNonCanonicalTexts() {
        for text in ["Zg", "Zg=", "Zh==", "Zm9=", "Z===", "====", "Zg==Zg==", "Zm9v\n", "Zm9v YmFy", "Zm-v", "Zm_v", "=Zm9"] {
            #expect(Base64.decode(text) == nil, "\(text.debugDescription) is not canonical padded base64")
        }
        #expect(Base64.decode("") == [])
        #expect(Base64.decode("Zm8=") == Array("fo".utf8))
    }

    @Test func urlSafeRefusesPaddingOtherAlphabetsAndLeftoverBits() {
        for text in ["Zg==", "Zm8=", "Z", "Zm9vY", "Zh", "Zm9", "Zm+v", "Zm/v", "Zm9v\n", "Zm 9"] {
            #expect(Base64URL.decode(text) == nil, "\(text.debugDescription) is not canonical unpadded base64url")
        }
        #expect(Base64URL.decode("") == [])
        #expect(Base64URL.decode("Zm8") == Array("fo".utf8))
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }
}
