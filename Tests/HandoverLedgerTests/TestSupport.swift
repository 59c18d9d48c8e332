import Foundation
import HandoverLedger

/// Bytes from lower- or upper-case hex; traps on malformed input (test data only).
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    precondition(digits.count % 2 == 0, "odd-length hex \(hex)")
    return stride(from: 0, to: digits.count, by: 2).map { offset in
        UInt8(String(decoding: digits[offset ..< offset + 2], as: UTF8.self), radix: 16)!
    }
}

/// Lower-case hex of bytes.
func hex(_ value: [UInt8]) -> String {
    value.map { String(format: "%02x", $0) }.joined()
}

/// The repository root, found from this file's path (Tests/HandoverLedgerTests/TestSupport.swift).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

/// `bytes` with `bit` flipped in byte `index`.
func flipping(_ value: [UInt8], byte index: Int, bit: UInt8 = 0x01) -> [UInt8] {
    var copy = value
    copy[index] ^= bit
    return copy
}

/// A tree of `count` leaves whose inputs are the leaf numbers as decimal text.
func numberedTree(_ count: Int) -> MerkleTree {
    var tree = MerkleTree()
    for number in 0..<count {
        tree.append(leaf: Array("leaf \(number)".utf8))
    }
    return tree
}

/// A reference Merkle tree written straight from the recursive definitions of RFC 9162
/// sections 2.1.1, 2.1.3.1 and 2.1.4.1 (MTH, PATH, PROOF, SUBPROOF), deliberately naive, to
/// compare the indexed implementation against.
enum ReferenceTree {
    static func split(_ n: Int) -> Int {
        var k = 1
        while k * 2 < n { k *= 2 }
        return k
    }

    static func mth(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        switch leaves.count {
        case 0: return MerkleHash.emptyRoot
        case 1: return leaves[leaves.startIndex]
        default:
            let k = split(leaves.count)
            let middle = leaves.startIndex + k
            return MerkleHash.nodeHash(left: mth(leaves[..<middle]), right: mth(leaves[middle...]))
        }
    }

    static func path(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard leaves.count > 1 else { return [] }
        let k = split(leaves.count)
        let middle = leaves.startIndex + k
        if m < k {
            return path(m, leaves[..<middle]) + [mth(leaves[middle...])]
        }
        return path(m - k, leaves[middle...]) + [mth(leaves[..<middle])]
    }

    static func proof(_ m: Int, _ leaves: ArraySlice<[UInt8]>) -> [[UInt8]] {
        guard m > 0, m < leaves.count else { return [] }
        return subproof(m, leaves, true)
    }

    static func subproof(_ m: Int, _ leaves: ArraySlice<[UInt8]>, _ b: Bool) -> [[UInt8]] {
        let n = leaves.count
        if m == n {
            return b ? [] : [mth(leaves)]
        }
        let k = split(n)
        let middle = leaves.startIndex + k
        if m <= k {
            return subproof(m, leaves[..<middle], b) + [mth(leaves[middle...])]
        }
        return subproof(m - k, leaves[middle...], false) + [mth(leaves[..<middle])]
    }
}
