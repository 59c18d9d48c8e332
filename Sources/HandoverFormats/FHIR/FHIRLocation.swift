/// Where an object or array of a FHIR message sits: a chain of steps back to the root, joined into
/// a FHIRPath (`Bundle.entry[2].resource.identifier[0]`) only when an issue or a dropped element
/// needs it.
///
/// Building each opened object's path as a string, whether or not anything was ever reported
/// there, was the largest single cost of reading a Bundle.
final class FHIRLocation {
    private enum Step {
        case root(String)
        case member(String)
        case item(Int)
    }

    private let parent: FHIRLocation?
    private let step: Step

    private init(parent: FHIRLocation?, step: Step) {
        self.parent = parent
        self.step = step
    }

    /// The root, written as `path` (`Bundle`).
    static func root(_ path: String) -> FHIRLocation {
        FHIRLocation(parent: nil, step: .root(path))
    }

    /// The member `name` of the object here.
    func member(_ name: String) -> FHIRLocation {
        FHIRLocation(parent: self, step: .member(name))
    }

    /// Item `index` of the array here.
    func item(_ index: Int) -> FHIRLocation {
        FHIRLocation(parent: self, step: .item(index))
    }

    /// The FHIRPath of this place.
    var path: String {
        var text = ""
        text.reserveCapacity(96)
        write(to: &text)
        return text
    }

    /// The FHIRPath of member `name` of the object here.
    func path(member name: String) -> String {
        var text = ""
        text.reserveCapacity(96)
        write(to: &text)
        text.append(".")
        text.append(name)
        return text
    }

    /// Appends the path into one buffer, root first, rather than joining a string per step.
    private func write(to text: inout String) {
        parent?.write(to: &text)
        switch step {
        case .root(let path):
            text.append(path)
        case .member(let name):
            text.append(".")
            text.append(name)
        case .item(let index):
            text.append("[")
            text.append(String(index))
            text.append("]")
        }
    }
}
