import Foundation
import HandoverModel

/// How `mex-WorkflowID` maps to Handover: each canonical kind has a Handover workflow
/// (`HANDOVER_REFERRAL`, ...; the table is `contracts/mesh/workflows.json`), and operators can add
/// pass-through workflows whose bytes are carried as `document` messages.
struct MESHWorkflows: Sendable {
    /// What a workflow id means.
    enum Route: Sendable, Equatable {
        /// A Handover message of this kind, in the sender's registered format.
        case handover(MessageKind)
        /// An opaque document under a declared purpose and lawful basis.
        case passThrough(PassThroughWorkflow)
    }

    /// The Handover workflow of each kind.
    static func workflowID(of kind: MessageKind) -> String {
        "HANDOVER_" + kind.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// Kinds by Handover workflow id; every kind appears, the gateway-only ones for delivery only.
    static let handover: [String: MessageKind] = Dictionary(uniqueKeysWithValues: MessageKind.allCases.filter { $0 != .document }.map {
        (workflowID(of: $0), $0)
    })

    private let passThrough: [String: PassThroughWorkflow]

    init(passThrough: [PassThroughWorkflow]) {
        self.passThrough = Dictionary(passThrough.map { ($0.workflowId, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The route of `workflowID` for sending, or nil when it is neither a Handover workflow a
    /// partner may send nor a configured pass-through one.
    func route(_ workflowID: String) -> Route? {
        if let kind = Self.handover[workflowID] {
            return MessageKind.submittable.contains(kind) ? .handover(kind) : nil
        }
        return passThrough[workflowID].map(Route.passThrough)
    }

    /// Every workflow id a partner may send, for the workflow search.
    var allWorkflowIDs: [String] {
        (MessageKind.submittable.map(Self.workflowID(of:)) + passThrough.keys).sorted()
    }
}
