import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// The RFC 4180 reader and writer on their own, below the council mapping.
@Suite struct CSVReaderTests {
    private func read(_ text: String, limits: CSVLimits = .standard) -> CSVReader.Output {
        CSVReader.read(Array(text.utf8), limits: limits)
    }

    private func problems(_ output: CSVReader.Output) -> [String] {
        output.issues.map { "\($0.row):\($0.column.map(String.init) ?? "-") \($0.rule)" }
    }

    @Test func readsQuotedCommasDoubledQuotesAndEmbeddedLineBreaks() {
        let output = read("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"line 1\r\nline 2\nline 3\"\r\n,,\r\n")
        #expect(output.issues.isEmpty)
        #expect(output.records == [["a", "b", "c"], ["x, y", "say \"hi\"", "line 1\r\nline 2\nline 3"], ["", "", ""]])
    }

    @Test func crlfLfMixedAndNoFinalLineBreakReadTheSame() {
        let expected = [["h1", "h2"], ["1", "2"], ["3", "4"]]
        for text in ["h1,h2\r\n1,2\r\n3,4\r\n", "h1,h2\n1,2\n3,4\n", "h1,h2\r\n1,2\n3,4", "h1,h2\n1,2\r\n3,4\r\n"] {
            let output = read(text)
            #expect(output.issues.isEmpty, "\(text.debugDescription)")
            #expect(output.records == expected, "\(text.debugDescription)")
        }
    }

    @Test func aByteOrderMarkAtTheStartIsSkippedAndAnywhereElseKept() {
        let withMark = CSVReader.read([0xEF, 0xBB, 0xBF] + Array("a,b\r\n1,2\r\n".utf8))
        #expect(withMark.records == [["a", "b"], ["1", "2"]])
        let inside = CSVReader.read(Array("a,b\r\n1,".utf8) + [0xEF, 0xBB, 0xBF] + Array("2\r\n".utf8))
        #expect(inside.records[1][1] == "\u{FEFF}2")
    }

    @Test func aBareQuoteTextAfterAClosingQuoteAndALoneCRAreRefusedWhereTheyAre() {
        let output = read("a,b\r\n5\" wide,x\r\n\"ok\"tail,y\r\nz,w\rq,r\r\n")
        #expect(problems(output) == ["2:1 csv-bare-quote", "3:1 csv-quote", "4:2 csv-line-end"])
        #expect(output.stopped == false)
        #expect(output.records.count == 5)
    }

    @Test func aRowWithAnotherNumberOfFieldsIsRefusedAndReadingGoesOn() {
        let output = read("a,b,c\r\n1,2\r\n1,2,3\r\n1,2,3,4\r\n\r\n")
        #expect(problems(output) == ["2:- csv-column-count", "4:- csv-column-count", "5:- csv-column-count"])
        #expect(output.records.count == 5)
    }

    @Test func invalidUTF8AndNULAreRefusedInTheirField() {
        var bytes = Array("a,b\r\n".utf8)
        bytes += [0x6F, 0xC3, 0x28] + Array(",x\r\n".utf8)         // a broken two-byte sequence
        bytes += Array("ok,".utf8) + [0xED, 0xA0, 0x80] + [0x0D, 0x0A] // an encoded surrogate
        bytes += Array("n".utf8) + [0x00] + Array(",y\r\n".utf8)
        let output = CSVReader.read(bytes)
        #expect(problems(output) == ["2:1 csv-utf8", "3:2 csv-utf8", "4:1 csv-control-character"])
        let utf16 = CSVReader.read(Array("a,b\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(problems(utf16).contains("1:1 csv-control-character"))
    }

    @Test func anUnterminatedQuoteStopsReading() {
        let output = read("a,b\r\n\"open,x\r\n1,2\r\n")
        #expect(problems(output) == ["2:1 csv-unterminated-quote"])
        #expect(output.stopped)
    }

    @Test func aTwentyMegabyteFieldIsRefusedAfterItsFirstEightKilobytes() {
        let limits = CSVLimits.standard
        for quoted in [false, true] {
            var bytes = Array("a,b\r\nx,".utf8)
            if quoted { bytes.append(UInt8(ascii: "\"")) }
            bytes += [UInt8](repeating: UInt8(ascii: "z"), count: 20 * 1024 * 1024)
            let clock = ContinuousClock()
            var output: CSVReader.Output?
            let elapsed = clock.measure { output = CSVReader.read(bytes, limits: limits) }
            #expect(output.map(problems) == ["2:2 csv-field-too-long"])
            #expect(elapsed < .milliseconds(500))
        }
    }

    @Test func rowAndColumnLimitsStopReading() {
        let limits = CSVLimits(maxRows: 3, maxFieldBytes: 64, maxColumns: 4, maxIssues: 5)
        #expect(problems(read("a\n1\n2\n3\n", limits: limits)).isEmpty)
        #expect(problems(read("a\n1\n2\n3\n4\n5\n", limits: limits)) == ["5:- csv-too-many-rows"])
        #expect(problems(read("a,b,c,d,e\n", limits: limits)) == ["1:- csv-too-many-columns"])
        let noisy = read("a,b\n" + String(repeating: "1\n", count: 20), limits: CSVLimits(maxRows: 100, maxFieldBytes: 64, maxColumns: 4, maxIssues: 5))
        #expect(noisy.issues.count == 5)
        #expect(read(String(repeating: "\n", count: 1_000), limits: limits).stopped)
    }

    @Test func theWriterQuotesOnlyWhatNeedsItAndEndsRecordsWithCRLF() {
        var writer = CSVWriter(byteOrderMark: false)
        writer.record(["plain", "a,b", "say \"hi\"", "two\nlines", "", "O'Brien"])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,O'Brien\r\n")
        var marked = CSVWriter(byteOrderMark: true)
        marked.record(["x"])
        #expect(marked.bytes == [0xEF, 0xBB, 0xBF, UInt8(ascii: "x"), 0x0D, 0x0A])
    }

    /// OWASP CSV injection: = + - @ tab and CR at the start of a cell get a leading single quote.
    @Test func theWriterNeutralisesFormulas() {
        var writer = CSVWriter(byteOrderMark: false)
        writer.record(["=SUM(A1:A9)", "+44 1793 000000", "-2+3", "@cmd", "\tx", "\rx", "a=b", "'=already", "=1,2"])
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == "'=SUM(A1:A9),'+44 1793 000000,'-2+3,'@cmd,'\tx,\"'\rx\",a=b,'=already,\"'=1,2\"\r\n")
        let back = CSVReader.read(writer.bytes)
        #expect(back.issues.isEmpty)
        #expect(back.records[0].allSatisfy { !CSVWriter.startsFormula($0.utf8.first) })
        #expect(back.records[0][0] == "'=SUM(A1:A9)")
    }

    /// Whatever the writer writes, the reader reads back exactly (apart from the formula quote).
    @Test func writingThenReadingGivesTheFieldsBack() {
        var generator = SeededGenerator(seed: 41)
        let pieces = ["a", "é", "李", ",", "\"", "\r\n", "\n", "\r", " ", "'", "\t", "x\"\"y", "😀", "=", "-", "@", "+"]
        for _ in 0..<300 {
            let width = Int.random(in: 1...6, using: &generator)
            let rows = (0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<width).map { _ in (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined() }
            }
            var writer = CSVWriter(byteOrderMark: Bool.random(using: &generator))
            for row in rows { writer.record(row) }
            let output = CSVReader.read(writer.bytes)
            #expect(output.issues.isEmpty)
            let expected = rows.map { $0.map { CSVWriter.startsFormula($0.utf8.first) ? "'" + $0 : $0 } }
            #expect(output.records == expected)
        }
    }
}
