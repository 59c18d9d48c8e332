import HTTPTypes

/// The response version a MESH client asked for with `Accept`: `application/vnd.mesh.v2+json`
/// gives v2; `application/json`, no `Accept` or any value without `vnd.mesh` gives v1.
enum MESHVersion: Sendable, Equatable {
    case v1
    case v2

    /// The version `accept` asks for, or nil for a malformed `vnd.mesh` value (400).
    ///
    /// Read as UTF-8 bytes: every MESH request carries `Accept`, and Foundation's `range(of:)`
    /// showed in profiles of the MESH path.
    static func from(accept: String?) -> MESHVersion? {
        guard let accept else { return .v1 }
        let bytes = Array(accept.utf8)
        let marker = Array("vnd.mesh".utf8)
        guard let start = firstIndex(of: marker, in: bytes) else { return .v1 }
        var index = start + marker.count
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "."), bytes[index + 1] == UInt8(ascii: "v") else { return nil }
        index += 2
        var number = 0
        let digitsStart = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), index - digitsStart < 9 {
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > digitsStart, bytes[index...].starts(with: "+json".utf8) else { return nil }
        return number >= 2 ? .v2 : .v1
    }

    private static func firstIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        for start in 0...(bytes.count - marker.count) where bytes[start] == marker[0] {
            if bytes[start..<start + marker.count].elementsEqual(marker) { return start }
        }
        return nil
    }

    /// The version of a request.
    static func of(_ fields: HTTPFields) -> MESHVersion { from(accept: fields[.accept]) ?? .v2 }

    /// The media type of JSON documents that v2 marks as its own (inbox, tracking, errors).
    var documentType: String { self == .v2 ? "application/vnd.mesh.v2+json" : "application/json" }
}
