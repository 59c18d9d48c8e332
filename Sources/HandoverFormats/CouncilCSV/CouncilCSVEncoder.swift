import HandoverModel

/// Writes canonical messages as council CSV rows (the inverse of `CouncilCSVDecoder`): the UTF-8
/// byte order mark, the header, then one row per message, every cell made safe for spreadsheets
/// (`CSVWriter`).
///
/// `message_id` is the gateway's message id, `local_authority_gss` the receiving council and
/// `counterparty_code` the sender's organisation code (its mailbox when it has none). What a row
/// has no column for (notes, a title, an address, a prisoner number, organisation names, the
/// sender's own `senderLocalId`) is listed as dropped.
enum CouncilCSVEncoder {
    static let reason = "council CSV has no column for it"

    /// The file for `messages`; issues and dropped fields of the message at position `n` are
    /// located by JSON Pointer into the array of messages (`/2/payload/weeklyCostPence`).
    static func encode(_ messages: [OutboundMessage], pointerPrefix: Bool) throws(ValidationError) -> (bytes: [UInt8], dropped: [DroppedField]) {
        var output = CSVWriter(byteOrderMark: true, capacity: 512 + 320 * messages.count)
        output.record(CouncilCSVColumns.names)
        var issues: [ValidationIssue] = []
        var dropped: [DroppedField] = []
        for (position, message) in messages.enumerated() {
            let prefix = pointerPrefix ? "/\(position)" : ""
            do throws(ValidationError) {
                let row = try encode(message)
                output.record(row.fields)
                dropped += row.dropped.map { DroppedField(location: prefix + $0.location, reason: $0.reason) }
            } catch {
                issues += error.issues.map { ValidationIssue(path: prefix + $0.path, rule: $0.rule, hint: $0.hint) }
            }
        }
        guard issues.isEmpty else { throw ValidationError(issues) }
        return (output.bytes, dropped)
    }

    /// One message's row and what it could not carry.
    static func encode(_ message: OutboundMessage) throws(ValidationError) -> (fields: [String], dropped: [DroppedField]) {
        let envelope = message.envelope
        guard CouncilCSVColumns.kinds.contains(envelope.kind) else {
            throw ValidationError(
                path: "/kind", rule: "csv-unsupported-kind",
                hint: "council CSV carries \(CouncilCSVColumns.kinds.map(\.rawValue).joined(separator: ", ")) only; a council receiving other kinds uses council JSON"
            )
        }
        let members = try JSONParser.payloadMembers(message.payload)
        var writer = CouncilPayloadWriter(reason: reason)
        let council = message.recipientOrganisation.identifier
        if council.scheme != .gss {
            writer.report("/recipient", "council-organisation", "council CSV is delivered to councils registered with a GSS code")
        }
        let content = JSONValue.object(members.filter { $0.0 != "subjectDetails" })
        let carried = writer.object(content, CouncilCSVColumns.carried(envelope.kind), at: "/payload")
        let details = members.first { $0.0 == "subjectDetails" }?.1
        let gender = details.flatMap { writer.object($0, [CouncilMember("gender", .code(CouncilJSONPerson.genders))], at: "/payload/subjectDetails") }
        guard let subject = envelope.subject else {
            throw ValidationError(writer.issues + [ValidationIssue(path: "/subject", rule: "required", hint: "a council CSV row is about a person: send the subject")])
        }
        guard writer.issues.isEmpty, let carried else { throw ValidationError(writer.issues) }

        var fields = [String](repeating: "", count: CouncilCSVColumns.names.count)
        func set(_ column: CouncilCSVField, _ value: String?) {
            if let value { fields[column.rawValue] = value }
        }
        set(.recordType, envelope.kind.rawValue)
        set(.messageId, envelope.id.value)
        set(.correlationId, envelope.conversationId?.value)
        set(.localAuthorityGSS, council.value)
        set(.counterpartyCode, message.senderOrganisation?.identifier.value ?? envelope.sender.value)
        set(.purpose, envelope.purpose?.rawValue)
        switch envelope.lawfulBasis {
        case .consent(let id)?: set(.consentId, id.value)
        case .statutory(let basis)?:
            set(.statute, basis.statute.rawValue)
            set(.article6, basis.article6.rawValue)
            set(.article9, basis.article9.rawValue)
        case nil: break
        }
        var dropped = writer.dropped
        for (index, id) in subject.localIds.enumerated() {
            if index == 0 {
                set(.localPersonId, id.value)
                if id.system != council.value { set(.localPersonSystem, id.system) }
            } else {
                dropped.append(DroppedField(location: "/subject/localIds/\(index)", reason: "council CSV carries one local person id"))
            }
        }
        set(.nhsNumber, subject.nhsNumber?.value)
        if subject.prisonerNumber != nil { dropped.append(DroppedField(location: "/subject/prisonerNumber", reason: reason)) }
        if subject.crn != nil { dropped.append(DroppedField(location: "/subject/crn", reason: reason)) }
        set(.familyName, subject.name.family)
        set(.givenNames, subject.name.given.isEmpty ? nil : subject.name.given.joined(separator: " "))
        set(.dateOfBirth, subject.birthDate.description)
        if case .string(let value)? = gender?["gender"] { set(.gender, value) }
        for column in CouncilCSVColumns.payload where column.kind == envelope.kind {
            if let value = Self.value(carried, column.pointer) { fields[column.index] = CouncilCSVCell.write(value, separator: column.separator) }
        }
        if envelope.senderLocalId != nil {
            dropped.append(DroppedField(location: "/senderLocalId", reason: "council CSV carries the gateway's message id in message_id"))
        }
        // The reader refuses NUL (the mark of a UTF-16 file), so a value holding one cannot be
        // written and read back; say where it is rather than write a file that would be refused.
        let nul = fields.indices.filter { fields[$0].utf8.contains(0) }.map { index in
            ValidationIssue(path: Self.pointer(of: CouncilCSVColumns.names[index]), rule: "csv-control-character", hint: "council CSV cannot carry a NUL character in text")
        }
        guard nul.isEmpty else { throw ValidationError(nul) }
        return (fields, dropped)
    }

    /// Where the value of a text column comes from in the canonical message.
    static func pointer(of column: String) -> String {
        switch column {
        case "family_name": "/subject/name/family"
        case "given_names": "/subject/name/given"
        case "local_person_id": "/subject/localIds/0/value"
        case "local_person_system": "/subject/localIds/0/system"
        default: CouncilCSVColumns.payload.first { $0.name == column }.map { "/payload" + $0.pointer } ?? "/" + column
        }
    }

    /// The value at a pointer of plain member names.
    static func value(_ root: JSONValue, _ pointer: String) -> JSONValue? {
        var current: JSONValue? = root
        for token in pointer.split(separator: "/") { current = current?[String(token)] }
        return current
    }
}
