public import HandoverModel

/// A stored canonical message on its way to a recipient, with the registry facts an encoder needs
/// for the format's header (sending and receiving organisations).
public struct OutboundMessage: Sendable {
    /// The envelope: id, parties, kind, subject, purpose, lawful basis, times.
    public var envelope: MessageEnvelope
    /// The payload as canonical JSON (one object), exactly as stored.
    public var payload: [UInt8]
    /// The organisation of the sending partner; nil for the gateway's own reports.
    public var senderOrganisation: Organisation?
    /// The organisation of the receiving partner.
    public var recipientOrganisation: Organisation

    /// Creates a message to encode.
    public init(envelope: MessageEnvelope, payload: [UInt8], senderOrganisation: Organisation?, recipientOrganisation: Organisation) {
        self.envelope = envelope
        self.payload = payload
        self.senderOrganisation = senderOrganisation
        self.recipientOrganisation = recipientOrganisation
    }
}
