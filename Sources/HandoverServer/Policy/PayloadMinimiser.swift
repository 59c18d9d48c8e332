import HandoverFormats
import HandoverModel
import HandoverPolicy

/// Removes the members the minimisation policy decided a recipient does not get from a stored
/// canonical payload, on its way out. The stored payload, which the log commits to, is untouched.
enum PayloadMinimiser {
    /// `payload` without the top-level members `removed` names (`RemovedField.description` lines).
    /// - Throws: `ValidationError` if the stored payload is not a JSON object (it always is).
    static func minimise(_ payload: [UInt8], removing removed: [String]) throws -> [UInt8] {
        let pointers = Set(removed.map(RemovedField.pointer(of:)))
        let value = try JSONParser.parse(bytes: payload)
        guard case .object(let members) = value else {
            throw ValidationError(path: "/payload", rule: "type", hint: "a stored payload is a JSON object")
        }
        return JSONValue.object(members.filter { !pointers.contains("/payload/" + JSONPointer.escape($0.0)) }).serialized
    }
}

extension Gateway {
    /// The share policy: the published minimisation table, one value for the gateway's life.
    var sharePolicy: SharePolicy { SharePolicy() }
}
