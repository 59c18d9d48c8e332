import HandoverModel

/// Decodes a council CSV batch (`contracts/formats/council-csv/`): one submission per data row.
///
/// The file is accepted or refused whole: if any row breaks a rule, nothing is accepted, and the
/// error lists every row's problems (up to `CSVLimits.maxIssues`) as `row 3, column nhs_number`,
/// counting the header as row 1. The header must be exactly `CouncilCSVColumns.names`.
enum CouncilCSVDecoder {
    /// Decodes `bytes` posted by `context.sender`.
    static func decode(_ bytes: [UInt8], context: DecodingContext, limits: CSVLimits) throws(ValidationError) -> [TranslatedSubmission] {
        let names = CouncilCSVColumns.names
        let read = CSVReader.read(bytes, limits: limits)
        var issues = read.issues.map { ValidationIssue(path: $0.location(columns: names), rule: $0.rule, hint: $0.hint) }
        if read.stopped { throw ValidationError(issues) }
        guard let header = read.records.first, !(header.count == 1 && header[0].isEmpty && read.records.count == 1) else {
            throw ValidationError(path: "", rule: "csv-empty", hint: "send the header row and one row per message")
        }
        if header != names {
            let at = zip(header, names).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(header.count, names.count)
            let expected = at < names.count ? "column \(at + 1) must be \(names[at])" : "the header has \(names.count) columns"
            throw ValidationError(
                path: "row 1, column \(at + 1)", rule: "csv-header",
                hint: "send the header exactly as contracts/formats/council-csv/columns.json lists it: \(expected)"
            )
        }
        guard read.records.count > 1 else {
            throw ValidationError(path: "", rule: "csv-empty", hint: "send at least one row after the header")
        }
        var submissions: [TranslatedSubmission] = []
        submissions.reserveCapacity(read.records.count - 1)
        var seen: [String: Int] = [:]
        for (offset, fields) in read.records.dropFirst().enumerated() where fields.count == names.count {
            guard issues.count < limits.maxIssues else { break }
            var row = CouncilCSVRow(fields, row: offset + 2)
            if let id = row.cell(.messageId) {
                let key = id.lowercased()
                if let first = seen[key] {
                    row.report(row.path(CouncilCSVField.messageId.name), "duplicate-message-id", "send a different message_id on each row; row \(first) has the same one")
                } else {
                    seen[key] = row.row
                }
            }
            if let submission = row.decode(context: context), row.issues.isEmpty {
                submissions.append(submission)
            } else {
                issues += row.issues
            }
        }
        guard issues.isEmpty else { throw ValidationError(Array(issues.prefix(limits.maxIssues))) }
        return submissions
    }
}
