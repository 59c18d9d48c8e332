/// The small ER7 data types the prison healthcare messages share (an XAD address, an XPN name, a
/// coded CE value), written once so that every segment maps them the same way in both directions.
///
/// Canonical shapes: an address is `{"lines": [...], "town", "county", "postcode"}` (XAD.1 and
/// XAD.2 are the lines, XAD.3 the town, XAD.4 the county, XAD.5 the postcode); a name is
/// `{"family", "given": [...]}` (XPN.1 and XPN.2, with XPN.3 as a second given name).
enum PrisonHealthcareValues {
    /// An object of the members that are present, or nil when none is.
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue? {
        let present = members.compactMap { name, value in value.map { (name, $0) } }
        return present.isEmpty ? nil : .object(present)
    }

    /// A JSON string, or nil.
    static func text(_ value: String?) -> JSONValue? {
        value.map { .string($0) }
    }

    /// An XAD address read from the first repetition at `location`.
    static func address(_ location: ER7Location, _ reader: inout ER7FieldReader) -> JSONValue? {
        let lines = [1, 2].compactMap { reader.text(location.at(component: $0)) }
        return object([
            ("lines", lines.isEmpty ? nil : .array(lines.map { .string($0) })),
            ("town", text(reader.text(location.at(component: 3)))),
            ("county", text(reader.text(location.at(component: 4)))),
            ("postcode", text(reader.text(location.at(component: 5)))),
        ])
    }

    /// An XAD field from the canonical address at `pointer`; lines past the second are dropped.
    static func address(_ pointer: String, _ reader: inout CanonicalPayloadReader) -> ER7FieldValue {
        let lines = reader.strings(pointer + "/lines").prefix(2)
        return .components([
            lines.first ?? "", lines.dropFirst().first ?? "",
            reader.string(pointer + "/town") ?? "", reader.string(pointer + "/county") ?? "",
            reader.string(pointer + "/postcode") ?? "",
        ])
    }

    /// An XPN-style name (`family^given^second given`) at `location`.
    static func name(_ location: ER7Location, _ reader: inout ER7FieldReader) -> JSONValue? {
        let family = reader.text(location.at(component: 1))
        let given = [2, 3].compactMap { reader.text(location.at(component: $0)) }
        return object([("family", text(family)), ("given", given.isEmpty ? nil : .array(given.map { .string($0) }))])
    }

    /// The XPN components for a canonical name at `pointer`: family, first given, further given
    /// names joined by spaces.
    static func name(_ pointer: String, _ reader: inout CanonicalPayloadReader) -> [String] {
        let given = reader.strings(pointer + "/given")
        return [reader.string(pointer + "/family") ?? "", given.first ?? "", given.dropFirst().joined(separator: " ")]
    }
}
