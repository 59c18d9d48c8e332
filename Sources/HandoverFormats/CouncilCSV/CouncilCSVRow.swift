import HandoverModel

/// Decodes one data row of a council CSV file into a canonical submission, reporting every broken
/// rule as `row 3, column nhs_number`.
struct CouncilCSVRow {
    let fields: [String]
    let row: Int
    private(set) var issues: [ValidationIssue] = []

    init(_ fields: [String], row: Int) {
        self.fields = fields
        self.row = row
    }

    /// `row 3, column name`.
    func path(_ column: String) -> String { "row \(row), column \(column)" }

    /// The cell of a column, or nil when it is empty.
    func cell(_ column: String) -> String? {
        guard let index = CouncilCSVColumns.index[column], index < fields.count, !fields[index].isEmpty else { return nil }
        return fields[index]
    }

    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: path, rule: rule, hint: hint))
    }

    /// A required cell, reported when empty.
    mutating func required(_ column: String, _ hint: String) -> String? {
        if let value = cell(column) { return value }
        report(path(column), "required", hint)
        return nil
    }

    /// A cell read by a validating function, its issues recorded.
    mutating func parse<T>(_ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            issues += error.issues
            return nil
        }
    }

    /// A cell checked as `type`, in canonical form.
    mutating func value(_ column: String, _ type: CouncilValue) -> String? {
        let here = path(column)
        return cell(column).flatMap { text in parse { () throws(ValidationError) in try CouncilScalars.string(text, as: type, at: here) } }
    }

    /// The submission, or nil when a rule was broken (see `issues`).
    mutating func decode(context: DecodingContext) -> TranslatedSubmission? {
        let kinds = CouncilCSVColumns.kinds.map(\.rawValue)
        let kind = required("record_type", "send the record type, one of \(kinds.joined(separator: ", "))").flatMap { _ in
            value("record_type", .code(kinds))
        }.flatMap(MessageKind.init(rawValue:))
        if let kind {
            for column in CouncilCSVColumns.payload where column.kind != kind && cell(column.name) != nil {
                report(path(column.name), "csv-column-not-applicable", "leave \(column.name) empty on a \(kind.rawValue) row")
            }
        }
        let messageId = required("message_id", "send the export's id for this row as a UUID").flatMap { _ in value("message_id", .uuid) }
        let correlation = value("correlation_id", .uuid)
        let conversation = correlation == messageId ? nil : correlation
        if let kind, kind.isReply, conversation == nil, issues.allSatisfy({ $0.path != path("correlation_id") }) {
            report(path("correlation_id"), "required", "this row answers an earlier message: send that message's id as correlation_id")
        }
        let council = councilCode(context)
        let recipient = recipientMailbox(context)
        let purpose = required("purpose", "send the purpose, one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))").flatMap { _ in
            value("purpose", .code(Purpose.allCases.map(\.rawValue)))
        }.flatMap(Purpose.init(rawValue:))
        let basis = lawfulBasis()
        let (person, gender) = person(council: council?.value ?? "")
        var content = kind.map { payload(CouncilCSVColumns.carried($0), kind: $0, prefix: "", required: true) } ?? []
        if let gender { content.append(("subjectDetails", .object([("gender", .string(gender))]))) }

        guard issues.isEmpty, let kind, let messageId, let recipient, let person, council != nil else { return nil }
        var writer = JSONWriter(capacity: 256)
        writer.write(.object(content))
        return TranslatedSubmission(
            recipient: recipient, kind: kind, conversationId: conversation.flatMap { try? MessageID(validating: $0) },
            subject: person, purpose: purpose, senderLocalId: messageId, lawfulBasis: basis, payload: writer.bytes,
            locations: SubmissionLocations(recipient: path("counterparty_code"), conversation: path("correlation_id"))
        )
    }

    private mutating func councilCode(_ context: DecodingContext) -> GSSCode? {
        guard let text = required("local_authority_gss", "send your council's ONS GSS code, e.g. E06000030") else { return nil }
        let here = path("local_authority_gss")
        guard let gss = parse({ () throws(ValidationError) in try GSSCode(validating: text, path: here) }) else { return nil }
        if !gss.hasAdultSocialCare {
            report(path("local_authority_gss"), "gss-adult-social-care", "send the GSS code of a council with adult social care duties (E06, E08, E09, E10 or W06)")
        } else if context.sender.organisation.identifier.scheme == .gss, context.sender.organisation.identifier.value != gss.value {
            report(path("local_authority_gss"), "sender-mismatch", "send the GSS code of the council this connection is registered for")
        }
        return gss
    }

    private mutating func recipientMailbox(_ context: DecodingContext) -> MailboxID? {
        guard let code = required("counterparty_code", "send the recipient's GSS, ODS or prison agency code, or its gateway mailbox") else { return nil }
        guard code.utf8.count <= 63, let mailbox = context.directory.mailbox(for: code) else {
            report(path("counterparty_code"), "unknown-recipient", "no partner on the gateway is registered for this code; send the code or mailbox of a registered partner")
            return nil
        }
        return mailbox
    }

    private mutating func lawfulBasis() -> LawfulBasis? {
        let statuteColumns = ["statute", "article6", "article9"]
        if let consent = cell("consent_id") {
            for column in statuteColumns where cell(column) != nil {
                report(path(column), "basis-exclusive", "send either consent_id or statute with article6 and article9, not both")
            }
            let here = path("consent_id")
            return parse { () throws(ValidationError) in .consent(try ConsentID(validating: consent, path: here)) }
        }
        guard statuteColumns.contains(where: { cell($0) != nil }) else { return nil }
        let statute = required("statute", "send the statute, e.g. care-act-2014-s6").flatMap { _ in value("statute", .code(Statute.allCases.map(\.rawValue))) }
        let article6 = required("article6", "send the UK GDPR Article 6 condition, usually 6(1)(e)").flatMap { _ in
            value("article6", .code(StatutoryBasis.article6Conditions.map(\.rawValue)))
        }
        let article9 = required("article9", "send the UK GDPR Article 9 condition, usually 9(2)(h)").flatMap { _ in
            value("article9", .code(StatutoryBasis.article9Conditions.map(\.rawValue)))
        }
        guard let statute = statute.flatMap(Statute.init(rawValue:)), let article6 = article6.flatMap(Article6Condition.init(rawValue:)),
            let article9 = article9.flatMap(Article9Condition.init(rawValue:))
        else { return nil }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }

    private mutating func person(council: String) -> (Person?, String?) {
        let before = issues.count
        var localIds: [LocalPersonID] = []
        if let id = value("local_person_id", .text(200)) {
            localIds.append(LocalPersonID(system: value("local_person_system", .text(200)) ?? council, value: id))
        } else if cell("local_person_system") != nil {
            report(path("local_person_id"), "required", "send the local person id that local_person_system issued, or leave both empty")
        }
        let nhsPath = path("nhs_number")
        let nhs = cell("nhs_number").flatMap { text in parse { () throws(ValidationError) in try NHSNumber(validating: text, path: nhsPath) } }
        let family = required("family_name", "send the person's family name").flatMap { _ in value("family_name", .text(200)) }
        let given = value("given_names", .text(2000)).map { $0.split(separator: " ").map(String.init) } ?? []
        if given.contains(where: { $0.utf8.count > 200 }) { report(path("given_names"), "max-length", "send given names of at most 200 bytes each") }
        let birthPath = path("date_of_birth")
        let birth = required("date_of_birth", "send the date of birth as YYYY-MM-DD").flatMap { text in
            parse { () throws(ValidationError) in try CalendarDate(validating: text, path: birthPath) }
        }
        let gender = value("gender", .code(CouncilJSONPerson.genders))
        if localIds.isEmpty && nhs == nil && issues.count == before {
            report("row \(row)", "person-identifier", "send local_person_id or nhs_number so the recipient can match the person")
        }
        guard issues.count == before, let family, let birth else { return (nil, gender) }
        return (Person(nhsNumber: nhs, localIds: localIds, name: PersonName(family: family, given: given), birthDate: birth), gender)
    }

    /// The canonical payload members of `members` from their columns, in the members' order.
    private mutating func payload(_ members: [CouncilMember], kind: MessageKind, prefix: String, required: Bool) -> [(String, JSONValue)] {
        var content: [(String, JSONValue)] = []
        for member in members {
            let pointer = prefix + "/" + member.name
            if member.value.shape == .object {
                let read = payload(member.value.members, kind: kind, prefix: pointer, required: required && member.required)
                if !read.isEmpty { content.append((member.name, .object(read))) }
                continue
            }
            guard let column = CouncilCSVColumns.column(kind, pointer) else { continue }
            guard let text = cell(column.name) else {
                if required && member.required { report(path(column.name), "required", "a \(kind.rawValue) row needs \(column.name)") }
                continue
            }
            let here = path(column.name)
            if let value = parse({ () throws(ValidationError) in
                try CouncilCSVCell.read(text, as: member.value, separator: column.separator, at: here)
            }) {
                content.append((member.name, value))
            }
        }
        return content
    }
}
