import Foundation
import HandoverModel
import Testing

/// The subject of a message and its JSON form.
@Suite struct PersonTests {
    static let margaret = #"{"nhsNumber":"9434765919","localIds":[{"system":"E06000030","value":"3300912"}],"name":{"family":"Partridge","given":["Margaret"]},"birthDate":"1938-07-14"}"#

    static func encode(_ person: Person) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(person), as: UTF8.self)
    }

    @Test func decodesValidatesAndRoundTrips() throws {
        let person = try JSONDecoder().decode(Person.self, from: Data(Self.margaret.utf8))
        #expect(person.nhsNumber?.value == "9434765919")
        #expect(person.localIds == [LocalPersonID(system: "E06000030", value: "3300912")])
        #expect(person.name == PersonName(family: "Partridge", given: ["Margaret"]))
        #expect(person.birthDate == (try CalendarDate(validating: "1938-07-14")))
        #expect(person.hasIdentifier)
        #expect(try JSONDecoder().decode(Person.self, from: Data(try Self.encode(person).utf8)) == person)
    }

    @Test func encodesExactKeysAndOmitsWhatIsAbsent() throws {
        let person = Person(
            prisonerNumber: try PrisonerNumber(validating: "a1234bc"),
            name: PersonName(family: "Chislett", given: ["Octavia"]),
            birthDate: try CalendarDate(validating: "1980-09-20")
        )
        #expect(try Self.encode(person) == #"{"birthDate":"1980-09-20","name":{"family":"Chislett","given":["Octavia"]},"prisonerNumber":"A1234BC"}"#)
        var everything = person
        everything.nhsNumber = try NHSNumber(validating: "9449305552")
        everything.crn = try CaseReferenceNumber(validating: "X123456")
        everything.localIds = [LocalPersonID(system: "E08000035", value: "77")]
        let json = try Self.encode(everything)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["nhsNumber", "prisonerNumber", "crn", "localIds", "name", "birthDate"])
    }

    @Test func namesWithoutGivenNamesDecode() throws {
        let json = #"{"crn":"X123456","name":{"family":"O'Brien"},"birthDate":"1975-01-31"}"#
        let person = try JSONDecoder().decode(Person.self, from: Data(json.utf8))
        #expect(person.name.given.isEmpty)
        #expect(person.localIds.isEmpty)
        #expect(person.crn?.value == "X123456")
    }

    @Test func invalidIdentifiersAreLocated() {
        let cases = [
            ("9434765919", "9434765918", "/nhsNumber", "nhs-number-check-digit"),
            ("1938-07-14", "1938-02-30", "/birthDate", "date-calendar"),
        ]
        for (good, bad, path, rule) in cases {
            let json = Self.margaret.replacingOccurrences(of: good, with: bad)
            let error = #expect(throws: ValidationError.self) { try JSONDecoder().decode(Person.self, from: Data(json.utf8)) }
            #expect(error?.issues.first?.path == path)
            #expect(error?.issues.first?.rule == rule)
        }
    }

    @Test func hasIdentifierNeedsOneOfTheFour() throws {
        let name = PersonName(family: "Evans", given: ["Rhys"])
        let born = try CalendarDate(validating: "1951-11-30")
        #expect(!Person(name: name, birthDate: born).hasIdentifier)
        #expect(Person(nhsNumber: try NHSNumber(validating: "9990000026"), name: name, birthDate: born).hasIdentifier)
        #expect(Person(prisonerNumber: try PrisonerNumber(validating: "A1234BC"), name: name, birthDate: born).hasIdentifier)
        #expect(Person(crn: try CaseReferenceNumber(validating: "X123456"), name: name, birthDate: born).hasIdentifier)
        #expect(Person(localIds: [LocalPersonID(system: "E06000030", value: "5520093")], name: name, birthDate: born).hasIdentifier)
    }
}
