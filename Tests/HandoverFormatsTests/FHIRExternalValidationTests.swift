import Foundation
import HandoverFormats
import HandoverModel
import HandoverTestSupport
import Testing

/// The encoder's output is what an independent FHIR R4 implementation accepts: every golden input
/// and a batch of generated messages go through `contracts/formats/fhir-r4/check_fhir.py`
/// (fhir.resources 6.4.0, exactly R4 4.0.1, plus the Bundle invariants and NHS identifier checks),
/// run with the interpreter in HANDOVER_PYTHON (or python3). The project's setup installs the
/// validator, so a missing one fails the test rather than skipping it.
@Suite struct FHIRExternalValidationTests {
    @Test func fhirResourcesAcceptsTheEncoderOutputAndRefusesBrokenBundles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var files: [String] = []
        func write(_ bytes: [UInt8], _ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        for name in FHIRCodecTests.allInputs {
            files.append(try write(try FHIRMessageEncoder.encode(try FHIRCodecTests.input(name)).bytes, "\(name).json"))
        }
        var generator = FHIRMessageGenerator(seed: 77)
        for index in 0..<48 {
            let kind = FHIRMessageGenerator.kinds[index % FHIRMessageGenerator.kinds.count]
            files.append(try write(try FHIRMessageEncoder.encode(try generator.message(kind, index: index)).bytes, "generated-\(index).json"))
        }
        let accepted = try PythonCheck.run("contracts/formats/fhir-r4/check_fhir.py", files)
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(accepted.output.components(separatedBy: "OK ").count - 1 == files.count, "\(accepted.output)")

        // Broken copies of an encoded message: a bad NHS number, a reference to nothing, an
        // endpoint that is not a URL, a missing required element, a value outside a required binding.
        let good = String(decoding: try FHIRMessageEncoder.encode(try FHIRCodecTests.input("referral-chc-checklist")).bytes, as: UTF8.self)
        let broken = [
            good.replacingOccurrences(of: "9434765919", with: "9434765918"),
            good.replacingOccurrences(of: #""subject":{"reference":"urn:uuid:"#, with: #""subject":{"reference":"urn:uuid:0"#),
            good.replacingOccurrences(of: "https://handover.example/mailbox/bsw-icb", with: "urn:nhs-uk:addressing:ods:QOX"),
            good.replacingOccurrences(of: #""intent":"order","#, with: ""),
            good.replacingOccurrences(of: #""status":"active""#, with: #""status":"pending""#),
        ]
        var brokenFiles: [String] = []
        for (index, text) in broken.enumerated() {
            #expect(text != good)
            brokenFiles.append(try write(Array(text.utf8), "broken-\(index).json"))
        }
        let refused = try PythonCheck.run("contracts/formats/fhir-r4/check_fhir.py", brokenFiles)
        #expect(refused.status == 1, "\(refused.output)")
        for file in brokenFiles {
            #expect(refused.output.contains("FAIL " + file), "\(file): \(refused.output)")
        }
    }

    @Test func theContractExamplesPassTheValidator() throws {
        let folder = FHIRFixtures.folder.appendingPathComponent("examples")
        let files = FHIRFixtures.exampleNames.map { folder.appendingPathComponent("\($0).fhir.json").path }
        let result = try PythonCheck.run("contracts/formats/fhir-r4/check_fhir.py", files)
        #expect(result.status == 0, "\(result.output)")
    }
}
