public import HandoverModel

/// The police identifiers HMPPS records carry beside the prisoner number: the PNC number
/// (`12/394773H`, or `2012/394773H` with a four-digit year) and the CRO number (`29906/12J`, or
/// `SF12/29906J` for fingerprint-only records).
///
/// Both end in a check letter: the year's last two digits followed by the serial (zero-padded to
/// seven digits for a PNC number, six for a CRO number, not padded in the `SF` form), modulo 23,
/// indexes `ZABCDEFGHJKLMNPQRTUVWXY` (no I, O or S). A mistyped digit changes the letter, so it is
/// caught here rather than mis-matching a police record. Lower case is upper-cased first.
public enum PoliceRecordNumber {
    private static let letters = Array("ZABCDEFGHJKLMNPQRTUVWXY".utf8)

    /// Validates a PNC number; returns it upper-cased. Throws `pnc-format` or `pnc-check-letter`.
    public static func pnc(_ raw: String, path: String) throws(ValidationError) -> String {
        let value = uppercased(raw)
        let bytes = Array(value.utf8)
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash == 2 || slash == 4,
            bytes.count - slash - 2 >= 1, bytes.count - slash - 2 <= 7,
            digits(bytes[0..<slash]), digits(bytes[(slash + 1)..<(bytes.count - 1)]), let letter = bytes.last, isUpper(letter)
        else {
            throw ValidationError(path: path, rule: "pnc-format", hint: "send the PNC number as YY/NNNNNNNC or YYYY/NNNNNNNC, e.g. 12/394773H")
        }
        let number = number(bytes[(slash - 2)..<slash]) * 10_000_000 + number(bytes[(slash + 1)..<(bytes.count - 1)])
        guard letters[number % 23] == letter else {
            throw ValidationError(path: path, rule: "pnc-check-letter", hint: "the check letter does not match the year and serial number; check the PNC number for a mistyped digit")
        }
        return value
    }

    /// Validates a CRO number; returns it upper-cased. Throws `cro-format` or `cro-check-letter`.
    public static func cro(_ raw: String, path: String) throws(ValidationError) -> String {
        let value = uppercased(raw)
        let bytes = Array(value.utf8)
        let format = ValidationError(path: path, rule: "cro-format", hint: "send the CRO number as NNNNNN/YYC or SFYY/NNNNNNC, e.g. 29906/12J")
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), let letter = bytes.last, isUpper(letter) else { throw format }
        let number: Int
        if bytes.starts(with: Array("SF".utf8)) {
            let serial = bytes[(slash + 1)..<(bytes.count - 1)]
            guard slash == 4, digits(bytes[2..<4]), (1...6).contains(serial.count), digits(serial) else { throw format }
            // The SF form's serial is not padded: the year and the serial are read as one number.
            number = self.number(bytes[2..<4] + serial)
        } else {
            let serial = bytes[0..<slash]
            guard (1...6).contains(slash), digits(serial), bytes.count == slash + 4, digits(bytes[(slash + 1)..<(slash + 3)]) else { throw format }
            number = self.number(bytes[(slash + 1)..<(slash + 3)]) * 1_000_000 + self.number(serial)
        }
        guard letters[number % 23] == letter else {
            throw ValidationError(path: path, rule: "cro-check-letter", hint: "the check letter does not match the serial number and year; check the CRO number for a mistyped digit")
        }
        return value
    }

    /// A form that is equal for the two spellings of one PNC number (two- or four-digit year,
    /// serial with or without leading zeros), for checking that two members name the same record.
    static func pncKey(_ value: String) -> String {
        let bytes = Array(value.utf8)
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")), slash >= 2, bytes.count > slash + 1 else { return value }
        let serial = number(bytes[(slash + 1)..<(bytes.count - 1)])
        return String(decoding: bytes[(slash - 2)..<slash], as: UTF8.self) + "/\(serial)" + String(decoding: bytes[(bytes.count - 1)...], as: UTF8.self)
    }

    private static func uppercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    private static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

    private static func digits(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func number(_ bytes: some Collection<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}
