import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct FHIRCodecTests {
    @Test(arguments: FHIRFixtures.exampleNames)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let submission = try FHIRFixtures.decode(try FHIRFixtures.example(name), sender: FHIRFixtures.sender(of: name))
        #expect(try FHIRFixtures.matchesGolden(try FHIRFixtures.json(submission), "golden/\(name).canonical.json"))
    }
}
