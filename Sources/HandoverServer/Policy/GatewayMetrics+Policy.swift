import HandoverModel
import Prometheus

extension GatewayMetrics {
    private static var policyName: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "handover", subsystem: "policy", metricName: "decisions", unitName: "total",
            helpText: "Consent and lawful-basis decisions on shares, by outcome and basis."
        )
    }

    /// Counts one policy decision.
    func policyDecision(allowed: Bool, basis: LawfulBasis?) {
        let kind = switch basis {
        case .consent: "consent"
        case .statutory: "statute"
        case nil: "none"
        }
        let outcome = allowed ? "allowed" : "refused"
        policyCounters.handle([outcome, kind]) {
            registry.makeCounter(descriptor: Self.policyName, labels: [("outcome", outcome), ("basis", kind)])
        }.increment()
    }
}
