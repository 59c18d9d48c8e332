/// The MSH facts of an HL7 v2 message that the canonical model does not hold: who the systems
/// and facilities at each end are, when it was sent and its control id.
///
/// The decoder fills it from MSH; the encoder needs it from the caller, because a canonical
/// message says which mailbox it goes to but not the receiving facility's HL7 code and name.
public struct HL7Header: Sendable, Hashable {
    /// MSH-3, the sending application, e.g. `SYSTMONE`.
    public var sendingApplication: String
    /// MSH-4, the sending facility: for prisons the HMPPS agency id (`LEI`), for councils the GSS code.
    public var sendingFacility: HL7Facility
    /// MSH-5, the receiving application, e.g. `CAREXGW` for the gateway.
    public var receivingApplication: String
    /// MSH-6, the receiving facility, which decides the recipient mailbox.
    public var receivingFacility: HL7Facility
    /// MSH-7, when the message was created.
    public var sentAt: HL7Timestamp
    /// MSH-10, the message control id, which acknowledgements quote in MSA-2.
    public var controlId: String
    /// MSH-11, `P` (production), `T` (training) or `D` (debugging).
    public var processingId: String
    /// For an acknowledgement, the trigger event of the message acknowledged (MSH-9.2, e.g. `I12`).
    public var acknowledgedEvent: String?

    /// Creates a header.
    public init(
        sendingApplication: String,
        sendingFacility: HL7Facility,
        receivingApplication: String,
        receivingFacility: HL7Facility,
        sentAt: HL7Timestamp,
        controlId: String,
        processingId: String = "P",
        acknowledgedEvent: String? = nil
    ) {
        self.sendingApplication = sendingApplication
        self.sendingFacility = sendingFacility
        self.receivingApplication = receivingApplication
        self.receivingFacility = receivingFacility
        self.sentAt = sentAt
        self.controlId = controlId
        self.processingId = processingId
        self.acknowledgedEvent = acknowledgedEvent
    }
}

/// An HL7 HD facility as prison healthcare sends it: `code^name^L`.
public struct HL7Facility: Sendable, Hashable {
    /// The identifier (HD.1): an HMPPS agency id, a GSS code or an ODS code.
    public var code: String
    /// The name (HD.2), for people reading the message.
    public var name: String

    /// Creates a facility.
    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}
