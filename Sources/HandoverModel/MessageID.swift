import Foundation

/// A message's identity: a UUID, written in lower case.
public struct MessageID: ValidatedString {
    /// The UUID.
    public let uuid: UUID
    public var value: String { uuid.uuidString.lowercased() }

    /// A new random (version 4) id.
    public init() {
        uuid = UUID()
    }

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        guard raw.utf8.count == 36, let uuid = UUID(uuidString: raw) else {
            throw ValidationError(path: path, rule: "uuid", hint: "send a message id as a UUID, e.g. 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        }
        self.uuid = uuid
    }
}
