import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// `contracts/formats/council-csv/columns.json` says what the decoder does: the same header, the
/// same record types per column, the same required columns, the same codes.
@Suite struct CouncilCSVColumnSpecTests {
    let codec = CouncilCSVCodec()

    struct Column {
        var name: String
        var recordTypes: [String]
        var requiredFor: [String]
        var codes: [String]
    }

    static func columns() throws -> [Column] {
        let spec = try CouncilFixtures.parse(try CouncilFixtures.bytes(CouncilFixtures.csvFolder, "columns.json"))
        func strings(_ value: JSONValue?) -> [String] {
            guard case .array(let items)? = value else { return [] }
            return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
        guard case .array(let items)? = spec["columns"] else { return [] }
        return items.map { item in
            Column(
                name: strings(.array([item["name"] ?? .null])).first ?? "", recordTypes: strings(item["recordTypes"]),
                requiredFor: strings(item["requiredFor"]), codes: strings(item["enum"])
            )
        }
    }

    /// One valid row of each record type, from the examples, as column name to cell.
    static func rows() throws -> [String: [String: String]] {
        var rows: [String: [String: String]] = [:]
        for name in CouncilCSVCodecTests.examples {
            let records = CSVReader.read(try CouncilCSVCodecTests.example(name)).records
            for record in records.dropFirst() {
                rows[record[0]] = Dictionary(uniqueKeysWithValues: zip(records[0], record).map { ($0, $1) })
            }
        }
        return rows
    }

    private func pairs(_ row: [String: String]) -> Set<String> {
        CouncilFixtures.pairs { _ = try codec.decode(CouncilCSVFileTests.file([row]), context: CouncilFixtures.context("swindon-asc")) }
    }

    @Test func theHeaderAndTheRecordTypesAreTheSpecifications() throws {
        let columns = try Self.columns()
        #expect(columns.map(\.name) == CouncilCSVCodec.header)
        let spec = try CouncilFixtures.parse(try CouncilFixtures.bytes(CouncilFixtures.csvFolder, "columns.json"))
        #expect(spec["recordTypes"] == .array(CouncilCSVCodec.kinds.map { .string($0.rawValue) }))
        #expect(try Set(Self.rows().keys) == Set(CouncilCSVCodec.kinds.map(\.rawValue)))
    }

    @Test func everyRequiredColumnIsRequiredAndEveryOtherRecordTypesColumnMustBeEmpty() throws {
        let rows = try Self.rows()
        for column in try Self.columns() {
            for (kind, row) in rows {
                var changed = row
                let at = "row 2, column \(column.name)"
                if column.requiredFor.contains(kind) {
                    changed[column.name] = nil
                    #expect(pairs(changed).contains("\(at) required"), "\(column.name) on \(kind)")
                } else if !column.recordTypes.contains(kind) {
                    changed[column.name] = "1"
                    #expect(pairs(changed) == ["\(at) csv-column-not-applicable"], "\(column.name) on \(kind)")
                }
            }
        }
    }

    @Test func everyCodeTheSpecificationListsIsReadAndNoOther() throws {
        let rows = try Self.rows()
        for column in try Self.columns() where !column.codes.isEmpty && column.name != "record_type" {
            let kind = try #require(column.recordTypes.first { rows[$0] != nil })
            var row = try #require(rows[kind])
            if ["statute", "article6", "article9"].contains(column.name) { row["consent_id"] = nil }
            for code in column.codes {
                row[column.name] = code
                #expect(pairs(row).allSatisfy { !$0.hasPrefix("row 2, column \(column.name) ") }, "\(column.name) \(code)")
            }
            row[column.name] = "not-a-code"
            #expect(pairs(row).contains("row 2, column \(column.name) enum"), "\(column.name)")
        }
    }
}
