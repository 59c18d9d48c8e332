/// One field of a segment as a tree: repetitions of components of subcomponents, each leaf a
/// decoded string (escape sequences already turned back into the characters they stand for).
///
/// An empty field has no repetitions; a repetition has at least one component and a component at
/// least one subcomponent, so every value read through `text(...)` is well defined and a value not
/// sent reads as the empty string, which is what ER7 means by leaving it out.
public struct ER7Field: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The repetitions, in order; empty when the field was not sent.
    public var repetitions: [ER7Repetition]

    /// Creates a field from its repetitions.
    public init(repetitions: [ER7Repetition]) {
        self.repetitions = repetitions
    }

    /// A field of one plain value; the empty string gives an empty field.
    public init(_ text: String) {
        repetitions = text.isEmpty ? [] : [ER7Repetition(components: [text])]
    }

    /// A field of one repetition with these components.
    public init(components: [String]) {
        repetitions = components.allSatisfy(\.isEmpty) ? [] : [ER7Repetition(components: components)]
    }

    /// A field written as a literal is one plain value.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The empty field.
    public static let empty = ER7Field(repetitions: [])

    /// Whether nothing was sent in the field.
    public var isEmpty: Bool { repetitions.allSatisfy(\.isEmpty) }

    /// The value at a repetition, component and subcomponent (all from 1), or "" when absent.
    public func text(repetition: Int = 1, component: Int = 1, subcomponent: Int = 1) -> String {
        guard repetition >= 1, repetition <= repetitions.count else { return "" }
        return repetitions[repetition - 1].text(component: component, subcomponent: subcomponent)
    }
}

/// One repetition of a field: its components.
public struct ER7Repetition: Sendable, Hashable {
    /// The components, at least one.
    public var components: [ER7Component]

    /// Creates a repetition from components; none gives one empty component.
    public init(components: [ER7Component]) {
        self.components = components.isEmpty ? [ER7Component(subcomponents: [""])] : components
    }

    /// A repetition whose components are plain values.
    public init(components: [String]) {
        self.init(components: components.map { ER7Component(subcomponents: [$0]) })
    }

    /// Whether every component is empty.
    public var isEmpty: Bool { components.allSatisfy(\.isEmpty) }

    /// The value at a component and subcomponent (from 1), or "" when absent.
    public func text(component: Int = 1, subcomponent: Int = 1) -> String {
        guard component >= 1, component <= components.count else { return "" }
        return components[component - 1].text(subcomponent: subcomponent)
    }
}

/// One component of a repetition: its subcomponents.
public struct ER7Component: Sendable, Hashable {
    /// The subcomponents, at least one.
    public var subcomponents: [String]

    /// Creates a component; no subcomponents gives one empty one.
    public init(subcomponents: [String]) {
        self.subcomponents = subcomponents.isEmpty ? [""] : subcomponents
    }

    /// Whether every subcomponent is empty.
    public var isEmpty: Bool { subcomponents.allSatisfy(\.isEmpty) }

    /// The value at a subcomponent (from 1), or "" when absent.
    public func text(subcomponent: Int = 1) -> String {
        guard subcomponent >= 1, subcomponent <= subcomponents.count else { return "" }
        return subcomponents[subcomponent - 1]
    }
}
