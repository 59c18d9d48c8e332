import Foundation
public import HandoverModel

/// Name-based (version 5, SHA-1) UUIDs, RFC 9562 §5.5, so that the encoder gives every entry of a
/// Bundle the same `urn:uuid:` fullUrl each time it writes the same message: goldens stay stable
/// and a recipient that fetches a message twice sees the same resources.
///
/// The namespace is the gateway's message id and the name says which resource it is
/// (`Patient/subject`, `Organization/ods/QOX`), so ids never collide within a message and never
/// repeat across messages. SHA-1 is used for its RFC-defined layout, not for security.
public enum FHIRNameBasedUUID {
    /// The version 5 UUID of `name` in `namespace`, in lower case.
    public static func make(namespace: MessageID, name: String) -> String {
        let namespaceBytes = withUnsafeBytes(of: namespace.uuid.uuid) { Array($0) }
        var digest = SHA1.hash(namespaceBytes + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        var text: [UInt8] = []
        text.reserveCapacity(36)
        let hex = Array("0123456789abcdef".utf8)
        for index in 0..<16 {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(digest[index] >> 4)])
            text.append(hex[Int(digest[index] & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// SHA-1 (FIPS 180-4), enough for name-based UUIDs of short names.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.count) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for block in stride(from: 0, to: padded.count, by: 64) {
            for t in 0..<16 {
                let i = block + t * 4
                w[t] = UInt32(padded[i]) << 24 | UInt32(padded[i + 1]) << 16 | UInt32(padded[i + 2]) << 8 | UInt32(padded[i + 3])
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = h
            for t in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = b << 30 | b >> 2
                b = a
                a = temp
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
        }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }
}
