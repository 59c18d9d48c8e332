import HandoverFormats
import HandoverModel

/// libFuzzer entry: any bytes through the strict JSON parser and the canonical submission decoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSubmission(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let buffer = UnsafeRawBufferPointer(start: data, count: size)
    _ = try? JSONParser.parse(buffer)
    _ = try? CanonicalSubmissionDecoder.decode(buffer)
    return 0
}
