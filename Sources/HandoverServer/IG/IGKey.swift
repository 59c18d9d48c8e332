/// Information-governance API keys: like partner keys (256 random bits, stored as SHA-256), with
/// their own prefix `hig_`, so a gateway can tell at once that a key is not a partner's.
public enum IGKey {
    /// The prefix of every IG key.
    public static let prefix = "hig_"

    /// A new random key.
    public static func generate() -> String {
        prefix + APIKey.generate().dropFirst(4)
    }
}
