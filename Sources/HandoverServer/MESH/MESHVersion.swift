import Foundation
import HTTPTypes

/// The response version a MESH client asked for with `Accept`: `application/vnd.mesh.v2+json`
/// gives v2; `application/json`, no `Accept` or any value without `vnd.mesh` gives v1.
enum MESHVersion: Sendable, Equatable {
    case v1
    case v2

    /// The version `accept` asks for, or nil for a malformed `vnd.mesh` value (400).
    static func from(accept: String?) -> MESHVersion? {
        guard let accept, let range = accept.range(of: "vnd.mesh.") else {
            return accept?.contains("vnd.mesh") == true ? nil : .v1
        }
        let rest = accept[range.upperBound...]
        guard rest.hasPrefix("v") else { return nil }
        let digits = rest.dropFirst().prefix { $0.isNumber }
        guard let number = Int(digits), rest.dropFirst(digits.count + 1).hasPrefix("+json") else { return nil }
        return number >= 2 ? .v2 : .v1
    }

    /// The version of a request.
    static func of(_ fields: HTTPFields) -> MESHVersion { from(accept: fields[.accept]) ?? .v2 }

    /// The media type of JSON documents that v2 marks as its own (inbox, tracking, errors).
    var documentType: String { self == .v2 ? "application/vnd.mesh.v2+json" : "application/json" }
}
