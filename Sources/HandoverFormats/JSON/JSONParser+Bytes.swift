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
}
