import HandoverFormats
import HandoverModel

/// The recipients of the seed corpus (contracts/formats/council-xml/examples), so mutated seeds
/// get past routing into the mapping.
let directory: RoutingDirectory? = {
    guard let swindon = try? MailboxID(validating: "swindon-asc"), let wiltshire = try? MailboxID(validating: "wiltshire-asc"),
        let banes = try? MailboxID(validating: "banes-asc")
    else { return nil }
    return RoutingDirectory(["E06000030": swindon, "E06000054": wiltshire, "E06000022": banes])
}()

/// libFuzzer entry: any bytes through the council XML decoder (and so the XML reader), and
/// whatever decodes back through the encoder and the decoder again. A refusal is fine; a crash,
/// hang, sanitizer report or a re-encoded message that no longer decodes is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCouncilXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let directory else { return 0 }
    guard let message = try? CouncilXMLDecoder.decode(bytes, directory: directory) else { return 0 }
    guard let output = try? CouncilXMLEncoder.encode(message.submission, header: message.header) else { return 0 }
    if (try? CouncilXMLDecoder.decode(output.bytes, directory: directory)) == nil { fatalError("encoder output does not decode") }
    return 0
}
