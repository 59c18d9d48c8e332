import HandoverModel

/// Decodes one data row of a council CSV file into a canonical submission, reporting every broken
/// rule as `row 3, column nhs_number`.
struct CouncilCSVRow {
    let fields: [String]
    let row: Int
    private(set) var issues: [ValidationIssue] = []

    private static let recordTypes = CouncilValue.code(CouncilCSVColumns.kinds.map(\.rawValue))
    private static let purposes = CouncilValue.code(Purpose.allCases.map(\.rawValue))
    private static let statutes = CouncilValue.code(Statute.allCases.map(\.rawValue))
    private static let article6 = CouncilValue.code(StatutoryBasis.article6Conditions.map(\.rawValue))
    private static let article9 = CouncilValue.code(StatutoryBasis.article9Conditions.map(\.rawValue))

    init(_ fields: [String], row: Int) {
        self.fields = fields
        self.row = row
    }

    /// `row 3, column name`.
    func path(_ column: String) -> String { "row \(row), column \(column)" }

    /// The cell at a header position, or nil when it is empty.
    func cell(at index: Int) -> String? {
        index < fields.count && !fields[index].isEmpty ? fields[index] : nil
    }

    /// The cell of an envelope or person column, or nil when it is empty.
    func cell(_ field: CouncilCSVField) -> String? { cell(at: field.rawValue) }

    /// The cell of a payload column, or nil when it is empty.
    func cell(_ column: CouncilCSVColumns.PayloadColumn) -> String? { cell(at: column.index) }

    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: path, rule: rule, hint: hint))
    }

    /// A required cell, reported when empty.
    mutating func required(_ column: CouncilCSVField, _ hint: @autoclosure () -> String) -> String? {
        if let value = cell(column) { return value }
        report(path(column.name), "required", hint())
        return nil
    }

    /// A value of `column` read by a validating function, its issues recorded at the cell. The
    /// function is given no path, and its issues are moved to the cell's only when there are some,
    /// so a valid row builds no location text.
    mutating func parse<T>(_ column: String, _ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            let here = path(column)
            issues += error.issues.map { ValidationIssue(path: here, rule: $0.rule, hint: $0.hint) }
            return nil
        }
    }

    /// A cell checked as `type`, in canonical form.
    mutating func value(_ column: CouncilCSVField, _ type: CouncilValue) -> String? {
        cell(column).flatMap { text in parse(column.name) { () throws(ValidationError) in try CouncilScalars.string(text, as: type, at: "") } }
    }

    /// The submission, or nil when a rule was broken (see `issues`).
    mutating func decode(context: DecodingContext) -> TranslatedSubmission? {
        let kind = required(.recordType, "send the record type, one of \(Self.recordTypes.codes.joined(separator: ", "))").flatMap { _ in
            value(.recordType, Self.recordTypes)
        }.flatMap(MessageKind.init(rawValue:))
        if let kind {
            for column in CouncilCSVColumns.payload where column.kind != kind && cell(column) != nil {
                report(path(column.name), "csv-column-not-applicable", "leave \(column.name) empty on a \(kind.rawValue) row")
            }
        }
        let messageId = required(.messageId, "send the export's id for this row as a UUID").flatMap { _ in value(.messageId, .uuid) }
        let correlation = value(.correlationId, .uuid)
        let conversation = correlation == messageId ? nil : correlation
        if let kind, kind.isReply, conversation == nil, issues.allSatisfy({ $0.path != path(CouncilCSVField.correlationId.name) }) {
            report(path(CouncilCSVField.correlationId.name), "required", "this row answers an earlier message: send that message's id as correlation_id")
        }
        let council = councilCode(context)
        let recipient = recipientMailbox(context)
        let purpose = required(.purpose, "send the purpose, one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))").flatMap { _ in
            value(.purpose, Self.purposes)
        }.flatMap(Purpose.init(rawValue:))
        let basis = lawfulBasis()
        let (person, gender) = person(council: council?.value ?? "")
        var content = kind.map { payload(CouncilCSVCarriedMember.members(of: $0), kind: $0, required: true) } ?? []
        if let gender { content.append(("subjectDetails", .object([("gender", .string(gender))]))) }

        guard issues.isEmpty, let kind, let messageId, let recipient, let person, council != nil else { return nil }
        var writer = JSONWriter(capacity: 256)
        writer.write(.object(content))
        return TranslatedSubmission(
            recipient: recipient, kind: kind, conversationId: conversation.flatMap { try? MessageID(validating: $0) },
            subject: person, purpose: purpose, senderLocalId: messageId, lawfulBasis: basis, payload: writer.bytes,
            locations: SubmissionLocations(recipient: path(CouncilCSVField.counterpartyCode.name), conversation: path(CouncilCSVField.correlationId.name))
        )
    }

    private mutating func councilCode(_ context: DecodingContext) -> GSSCode? {
        guard let text = required(.localAuthorityGSS, "send your council's ONS GSS code, e.g. E06000030") else { return nil }
        guard let gss = parse(CouncilCSVField.localAuthorityGSS.name, { () throws(ValidationError) in try GSSCode(validating: text) }) else { return nil }
        if !gss.hasAdultSocialCare {
            report(path(CouncilCSVField.localAuthorityGSS.name), "gss-adult-social-care", "send the GSS code of a council with adult social care duties (E06, E08, E09, E10 or W06)")
        } else if context.sender.organisation.identifier.scheme == .gss, context.sender.organisation.identifier.value != gss.value {
            report(path(CouncilCSVField.localAuthorityGSS.name), "sender-mismatch", "send the GSS code of the council this connection is registered for")
        }
        return gss
    }

    private mutating func recipientMailbox(_ context: DecodingContext) -> MailboxID? {
        guard let code = required(.counterpartyCode, "send the recipient's GSS, ODS or prison agency code, or its gateway mailbox") else { return nil }
        guard code.utf8.count <= 63, let mailbox = context.directory.mailbox(for: code) else {
            report(path(CouncilCSVField.counterpartyCode.name), "unknown-recipient", "no partner on the gateway is registered for this code; send the code or mailbox of a registered partner")
            return nil
        }
        return mailbox
    }

    private mutating func lawfulBasis() -> LawfulBasis? {
        let statuteColumns: [CouncilCSVField] = [.statute, .article6, .article9]
        if let consent = cell(.consentId) {
            for column in statuteColumns where cell(column) != nil {
                report(path(column.name), "basis-exclusive", "send either consent_id or statute with article6 and article9, not both")
            }
            return parse(CouncilCSVField.consentId.name) { () throws(ValidationError) in .consent(try ConsentID(validating: consent)) }
        }
        guard statuteColumns.contains(where: { cell($0) != nil }) else { return nil }
        let statute = required(.statute, "send the statute, e.g. care-act-2014-s6").flatMap { _ in value(.statute, Self.statutes) }
        let article6 = required(.article6, "send the UK GDPR Article 6 condition, usually 6(1)(e)").flatMap { _ in
            value(.article6, Self.article6)
        }
        let article9 = required(.article9, "send the UK GDPR Article 9 condition, usually 9(2)(h)").flatMap { _ in
            value(.article9, Self.article9)
        }
        guard let statute = statute.flatMap(Statute.init(rawValue:)), let article6 = article6.flatMap(Article6Condition.init(rawValue:)),
            let article9 = article9.flatMap(Article9Condition.init(rawValue:))
        else { return nil }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }

    private mutating func person(council: String) -> (Person?, String?) {
        let before = issues.count
        var localIds: [LocalPersonID] = []
        if let id = value(.localPersonId, .text(200)) {
            localIds.append(LocalPersonID(system: value(.localPersonSystem, .text(200)) ?? council, value: id))
        } else if cell(.localPersonSystem) != nil {
            report(path(CouncilCSVField.localPersonId.name), "required", "send the local person id that local_person_system issued, or leave both empty")
        }
        let nhs = cell(.nhsNumber).flatMap { text in parse(CouncilCSVField.nhsNumber.name) { () throws(ValidationError) in try NHSNumber(validating: text) } }
        let family = required(.familyName, "send the person's family name").flatMap { _ in value(.familyName, .text(200)) }
        let given = value(.givenNames, .text(2000)).map { CouncilCSVCell.split($0, separator: " ").map(String.init) } ?? []
        if given.contains(where: { $0.utf8.count > 200 }) { report(path(CouncilCSVField.givenNames.name), "max-length", "send given names of at most 200 bytes each") }
        let birth = required(.dateOfBirth, "send the date of birth as YYYY-MM-DD").flatMap { text in
            parse(CouncilCSVField.dateOfBirth.name) { () throws(ValidationError) in try CalendarDate(validating: text) }
        }
        let gender = value(.gender, .code(CouncilJSONPerson.genders))
        if localIds.isEmpty && nhs == nil && issues.count == before {
            report("row \(row)", "person-identifier", "send local_person_id or nhs_number so the recipient can match the person")
        }
        guard issues.count == before, let family, let birth else { return (nil, gender) }
        return (Person(nhsNumber: nhs, localIds: localIds, name: PersonName(family: family, given: given), birthDate: birth), gender)
    }

    /// The canonical payload members of `members` from their columns, in the members' order.
    private mutating func payload(_ members: [CouncilCSVCarriedMember], kind: MessageKind, required: Bool) -> [(String, JSONValue)] {
        var content: [(String, JSONValue)] = []
        for carried in members {
            let member = carried.member
            if member.value.shape == .object {
                let read = payload(carried.members, kind: kind, required: required && member.required)
                if !read.isEmpty { content.append((member.name, .object(read))) }
                continue
            }
            guard let column = carried.column else { continue }
            guard let text = cell(column) else {
                if required && member.required { report(path(column.name), "required", "a \(kind.rawValue) row needs \(column.name)") }
                continue
            }
            if let value = parse(column.name, { () throws(ValidationError) in
                try CouncilCSVCell.read(text, as: member.value, separator: column.separator, at: "")
            }) {
                content.append((member.name, value))
            }
        }
        return content
    }
}
