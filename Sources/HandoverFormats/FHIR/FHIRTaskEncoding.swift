import HandoverModel

extension FHIREncoding {
    /// The Task for a Task-based kind (see `FHIRTaskShape`); returns its fullUrl.
    mutating func task(_ shape: FHIRTaskShape, patient: String) -> String {
        var items: [JSONValue] = []
        for parameter in shape.parameters {
            guard let value = value(parameter) else { continue }
            items.append(.object([
                ("type", FHIRJSON.concept(system: FHIRSystems.taskParameter, code: parameter.code)),
                (parameter.value.element, value),
            ]))
        }
        let businessStatus = shape.businessStatus.flatMap { coded in
            code(coded.pointer, coded.codes, required: true).map { FHIRJSON.concept(system: coded.system, code: $0) }
        }
        let reason = shape.reason.flatMap { coded in code(coded.pointer, coded.codes).map { FHIRJSON.concept(system: coded.system, code: $0) } }
        let notes = payload.strings("/notes").map { JSONValue.object([("text", .string($0))]) }
        return builder.add("Task", "focus", [
            ("status", .string(shape.status)),
            ("businessStatus", businessStatus),
            ("intent", .string("order")),
            ("for", FHIRJSON.reference(patient)),
            ("reasonCode", reason),
            ("note", FHIRJSON.array(notes)),
            (shape.element, FHIRJSON.array(items)),
        ])
    }

    /// The value[x] for a Task parameter, or nil when the member is absent (or broken, reported).
    private mutating func value(_ parameter: FHIRTaskParameter) -> JSONValue? {
        let pointer = parameter.pointer
        switch parameter.value {
        case .date: return date(pointer).map(JSONValue.string)
        case .text: return payload.string(pointer).map(JSONValue.string)
        case .boolean: return boolean(pointer).map(JSONValue.bool)
        case .money: return money(pointer)
        case .percent:
            guard let points = payload.integer(pointer) else { return nil }
            return .object([
                ("value", .number(FHIRDecimal.shortest(points))), ("unit", .string("%")), ("system", .string(FHIRSystems.ucum)), ("code", .string("%")),
            ])
        case .coding(let system, let codes): return code(pointer, codes).map { FHIRJSON.coding(system: system, code: $0) }
        case .organisation: return organisation(pointer).map(FHIRJSON.reference)
        case .address: return address(pointer)
        case .odsCode:
            guard let text = payload.string(pointer),
                let code = payload.parse({ () throws(ValidationError) in try ODSCode(validating: text, path: pointer) })
            else { return nil }
            return FHIRJSON.identifier(system: FHIRSystems.ods, value: code.value)
        }
    }
}
