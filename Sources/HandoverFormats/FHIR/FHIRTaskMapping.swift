import HandoverModel

/// The kinds carried by a Task (the MessageHeader's focus): which parameters, in `input` or
/// `output`, the status written, and the coded members in `businessStatus` and `reasonCode`.
///
/// | kind | Task | businessStatus | reasonCode | parameters |
/// |---|---|---|---|---|
/// | `decision-notice` | `completed`, `output` | `outcome` | – | `FHIRTaskParameter.decision` |
/// | `continuity-of-care-transfer` | `requested`, `input` | `stage` | `trigger` | `.transfer` |
/// | `s117-query` | `requested`, `input` | – | – | `.s117Query` |
/// | `s117-reply` | `completed`, `output` | – | – | `.s117Reply` |
///
/// `intent` is `order`; `for` is the Patient; `note[].text` carries `notes`.
struct FHIRTaskShape {
    typealias Coded = (pointer: String, system: String, codes: [String])
    let parameters: [FHIRTaskParameter]
    let element: String
    let status: String
    let businessStatus: Coded?
    let reason: Coded?

    static func of(_ kind: MessageKind) -> FHIRTaskShape? {
        switch kind {
        case .decisionNotice:
            FHIRTaskShape(parameters: FHIRTaskParameter.decision, element: "output", status: "completed",
                          businessStatus: ("/outcome", FHIRSystems.decisionOutcome, FHIRCodes.decisionOutcomes), reason: nil)
        case .continuityOfCareTransfer:
            FHIRTaskShape(parameters: FHIRTaskParameter.transfer, element: "input", status: "requested",
                          businessStatus: ("/stage", FHIRSystems.transferStage, FHIRCodes.transferStages),
                          reason: ("/trigger", FHIRSystems.transferTrigger, FHIRCodes.transferTriggers))
        case .s117Query:
            FHIRTaskShape(parameters: FHIRTaskParameter.s117Query, element: "input", status: "requested", businessStatus: nil, reason: nil)
        case .s117Reply:
            FHIRTaskShape(parameters: FHIRTaskParameter.s117Reply, element: "output", status: "completed", businessStatus: nil, reason: nil)
        default:
            nil
        }
    }

    static let statuses = ["draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress", "on-hold", "failed", "completed", "entered-in-error"]
    static let intents = ["unknown", "proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"]
}

extension FHIRDecoding {
    mutating func task(_ task: FHIRNode, _ shape: FHIRTaskShape) -> [(String, JSONValue?)] {
        expectCode(task, "status", allowed: FHIRTaskShape.statuses)
        expectCode(task, "intent", allowed: FHIRTaskShape.intents)
        var values: [String: JSONValue] = [:]
        if let coded = shape.businessStatus {
            let name = String(coded.pointer.dropFirst())
            values[coded.pointer] = conceptCode(task, "businessStatus", system: coded.system, allowed: coded.codes, name).map(JSONValue.string)
            reader.require(task["businessStatus"] != nil, task.at("businessStatus"), "send the \(name) as businessStatus.coding in \(coded.system)")
        }
        if let coded = shape.reason {
            values[coded.pointer] = conceptCode(task, "reasonCode", system: coded.system, allowed: coded.codes, String(coded.pointer.dropFirst())).map(JSONValue.string)
        }
        // Where each parameter's value was, kept unjoined: it is needed only for a funding issue.
        var places: [String: FHIRLocation] = [:]
        for raw in reader.items(task, shape.element) {
            // An input or output the mapping does not know stays unopened, so it is dropped whole.
            guard case .array(let codings)? = raw.value["type"]?["coding"], let first = codings.first,
                case .string(FHIRSystems.taskParameter)? = first["system"], case .string(let code)? = first["code"],
                let parameter = shape.parameters.first(where: { $0.code == code }), values[parameter.pointer] == nil,
                let item = reader.open(raw, as: shape.element == "input" ? "TaskInput" : "TaskOutput"),
                let type = reader.child(item, "type", as: "CodeableConcept"), let coding = reader.first(type, "coding", as: "Coding")
            else { continue }
            reader.take(type, "text")
            reader.take(coding, "system")
            reader.take(coding, "code")
            reader.take(coding, "display")
            guard item[parameter.value.element] != nil else {
                reader.report(item.at(parameter.value.element), "required", "send the \(code) as \(parameter.value.element)")
                continue
            }
            places[parameter.pointer] = item.location.member(parameter.value.element)
            values[parameter.pointer] = value(item, parameter.value)
        }
        if case .number(let total)? = values["/funding/weeklyTotalPence"], case .number(let icb)? = values["/funding/icbPence"],
            case .number(let council)? = values["/funding/councilPence"], let t = Int64(total), let i = Int64(icb), let c = Int64(council),
            i.addingReportingOverflow(c) != (t, false)
        {
            reader.report(places["/funding/councilPence"]?.path ?? task.path, "funding-sum", "send icb-amount and council-amount that add up to weekly-total")
        }
        let notes = reader.children(task, "note", as: "Annotation").compactMap { reader.string($0, "text") }
        var members: [(String, JSONValue?)] = []
        var groups: [String: [(String, JSONValue)]] = [:]
        var pointers = shape.parameters.map(\.pointer)
        if let coded = shape.reason { pointers.insert(coded.pointer, at: 0) }
        if let coded = shape.businessStatus { pointers.insert(coded.pointer, at: 0) }
        for pointer in pointers {
            let names = pointer.split(separator: "/").map(String.init)
            if names.count == 2 {
                if groups[names[0]] == nil { groups[names[0]] = []; members.append((names[0], nil)) }
                if let value = values[pointer] { groups[names[0]]?.append((names[1], value)) }
            } else {
                members.append((names[0], values[pointer]))
            }
        }
        members = members.map { name, value in (name, value ?? groups[name].flatMap { $0.isEmpty ? nil : .object($0) }) }
        return members + [("notes", FHIRJSON.array(notes.map(JSONValue.string)))]
    }

    /// The value[x] of a Task parameter as canonical JSON.
    private mutating func value(_ item: FHIRNode, _ type: FHIRTaskParameter.Value) -> JSONValue? {
        let element = type.element
        switch type {
        case .date: return reader.date(item, element).map { .string($0.description) }
        case .text: return reader.string(item, element).map(JSONValue.string)
        case .boolean: return reader.boolean(item, element).map(JSONValue.bool)
        case .coding(let system, let codes):
            return code(reader.child(item, element, as: "Coding"), system: system, allowed: codes, "value").map(JSONValue.string)
        case .organisation: return organisation(item, element, "organisation").json
        case .address: return reader.child(item, element, as: "Address").flatMap { address($0) }
        case .odsCode:
            guard let identifier = reader.child(item, element, as: "Identifier") else { return nil }
            guard case .string(FHIRSystems.ods)? = identifier["system"] else {
                reader.report(identifier.at("system"), "fhir-code-system", "identify the practice with the system \(FHIRSystems.ods)")
                return nil
            }
            reader.take(identifier, "system")
            guard let text = reader.string(identifier, "value", maxLength: 16) else { return nil }
            let at = identifier.at("value")
            return reader.parse { () throws(ValidationError) in try ODSCode(validating: text, path: at) }.map { .string($0.value) }
        case .money:
            guard let money = reader.child(item, element, as: "Money") else { return nil }
            if reader.string(money, "currency", maxLength: 3) != "GBP" {
                reader.report(money.at("currency"), "fhir-money-currency", "send amounts in GBP (currency \"GBP\")")
            }
            return hundredths(money, "value", tooPrecise: ("money-fraction-of-penny", "send the amount in pounds with at most two decimals"))
        case .percent:
            guard let quantity = reader.child(item, element, as: "Quantity") else { return nil }
            reader.take(quantity, "unit")
            reader.take(quantity, "system")
            if reader.string(quantity, "code", maxLength: 8) != "%" {
                reader.report(quantity.at("code"), "fhir-quantity-unit", "send the share as a percentage: code \"%\", system \(FHIRSystems.ucum)")
            }
            return hundredths(quantity, "value", tooPrecise: ("fhir-percent-precision", "send the share as a percentage with at most two decimals (a basis point)"))
        }
    }

    /// A decimal member as a JSON integer of hundredths (pence, basis points), exactly.
    private mutating func hundredths(_ node: FHIRNode, _ name: String, tooPrecise: (rule: String, hint: String)) -> JSONValue? {
        guard let lexeme = reader.number(node, name) else {
            reader.require(node[name] != nil, node.at(name), "send the \(name) as a JSON number")
            return nil
        }
        switch FHIRDecimal.hundredths(lexeme) {
        case .value(let value): return .number(String(value))
        case .tooPrecise: reader.report(node.at(name), tooPrecise.rule, tooPrecise.hint)
        case .outOfRange: reader.report(node.at(name), "fhir-decimal-range", "send an amount that fits in 64 bits of hundredths")
        }
        return nil
    }
}
