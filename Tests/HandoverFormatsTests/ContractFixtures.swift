import Foundation
import HandoverFormats
import HandoverModel

/// What the tests of every partner format share: the repository's contract folders, golden
/// files, mailboxes, parsing JSON, and collecting the issues a call reports.
enum ContractFixtures {
    /// The repository: three levels above this file (`Tests/HandoverFormatsTests/`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Set to rewrite the goldens from the current code, then review the diff.
    static let rewriteGoldens = ProcessInfo.processInfo.environment["HANDOVER_WRITE_GOLDENS"] == "1"

    /// `contracts/formats/<format>`.
    static func folder(_ format: String) -> URL {
        root.appendingPathComponent("contracts/formats/\(format)")
    }

    static func bytes(_ folder: URL, _ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(relative)))
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ folder: URL, _ relative: String) throws -> Bool {
        let url = folder.appendingPathComponent(relative)
        if rewriteGoldens {
            try Data(actual).write(to: url)
            return true
        }
        return try Array(Data(contentsOf: url)) == actual
    }

    /// The issues a throwing call reports, or [] when it succeeds.
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        do {
            try body()
            return []
        } catch let error as ValidationError {
            return error.issues
        } catch {
            return [ValidationIssue(path: "?", rule: "unexpected-error", hint: "\(error)")]
        }
    }

    static func mailbox(_ value: String) -> MailboxID {
        try! MailboxID(validating: value)
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try JSONParser.parse(bytes: bytes)
    }

    /// Whether two JSON values are equal with object members in any order (arrays in order):
    /// payloads are compared by meaning, and each codec writes members in its own order.
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch (a, b) {
        case (.object(let x)?, .object(let y)?):
            return x.count == y.count && x.allSatisfy { name, value in y.first { $0.0 == name }.map { same(value, $0.1) } ?? false }
        case (.array(let x)?, .array(let y)?):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default:
            return a == b
        }
    }
}
