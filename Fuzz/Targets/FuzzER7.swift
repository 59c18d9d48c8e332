import HandoverFormats
import HandoverModel

/// The receiving facilities of the seed corpus (contracts/formats/hl7v2/examples), so mutated
/// seeds get past routing into the mapping.
let directory: RoutingDirectory? = {
    guard let council = try? MailboxID(validating: "leeds-asc"), let prison = try? MailboxID(validating: "hmp-leeds") else { return nil }
    return RoutingDirectory(["E06000035": council, "E08000035": council, "LEI": prison])
}()

/// libFuzzer entry: any bytes through the HL7 v2 prison healthcare decoder, and whatever decodes
/// back through the encoder. A refusal is fine; a crash, hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzER7(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let directory else { return 0 }
    guard let message = try? PrisonHealthcareDecoder.decode(bytes, directory: directory) else { return 0 }
    _ = try? PrisonHealthcareEncoder.encode(message.submission, header: message.header)
    return 0
}
