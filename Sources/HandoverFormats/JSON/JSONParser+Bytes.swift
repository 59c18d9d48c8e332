public import HandoverModel

extension JSONParser {
    /// Parses a whole document held in an array.
    public static func parse(bytes: [UInt8], maxDepth: Int = 64) throws(ValidationError) -> JSONValue {
        // withUnsafeBytes rethrows untyped, so the typed error travels out in a Result.
        let result = bytes.withUnsafeBytes { buffer -> Result<JSONValue, ValidationError> in
            do throws(ValidationError) {
                return .success(try parse(buffer, maxDepth: maxDepth))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses the payload of a canonical message for an encoder. It must be a JSON object; where
    /// it is not, the issues are located under `/payload`, where the message carries it.
    public static func payloadMembers(_ payload: [UInt8]) throws(ValidationError) -> [(String, JSONValue)] {
        let root: JSONValue
        do throws(ValidationError) {
            root = try parse(bytes: payload)
        } catch {
            throw ValidationError(error.issues.map { ValidationIssue(path: "/payload" + $0.path, rule: $0.rule, hint: $0.hint) })
        }
        guard case .object(let members) = root else {
            throw ValidationError(path: "/payload", rule: "type", hint: "send the payload as a JSON object")
        }
        return members
    }
}
