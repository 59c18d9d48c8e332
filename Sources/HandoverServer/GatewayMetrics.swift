import Prometheus

/// The gateway's Prometheus metrics, in a registry of its own so that several gateways in one
/// process (tests, the benchmark) never share counters.
final class GatewayMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let acceptedCounters = MetricHandles<Counter>()
    private let rejectedCounters = MetricHandles<Counter>()
    private let requestCounters = MetricHandles<Counter>()
    private let requestDurations = MetricHandles<DurationHistogram>()
    let policyCounters = MetricHandles<Counter>()

    private static func name(_ subsystem: String?, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "handover", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    private static var acceptedName: MetricNameDescriptor { name(nil, "messages_accepted", "total", "Messages durably accepted, by kind.") }
    private static var duplicateName: MetricNameDescriptor { name(nil, "messages_duplicate", "total", "Resubmissions answered with the original receipt.") }
    private static var rejectedName: MetricNameDescriptor { name(nil, "messages_rejected", "total", "Refused requests that write, by problem type.") }
    private static var expiredName: MetricNameDescriptor { name(nil, "messages_expired", "total", "Messages expired unacknowledged.") }
    private static var requestsName: MetricNameDescriptor { name("http", "requests", "total", "HTTP requests, by route, method and status.") }
    private static var durationName: MetricNameDescriptor { name("http", "request_duration", "seconds", "HTTP request handling time, by route and method.") }

    func accepted(kind: String) {
        acceptedCounters.handle([kind]) {
            registry.makeCounter(descriptor: Self.acceptedName, labels: [("kind", kind)])
        }.increment()
    }

    func duplicate() {
        registry.makeCounter(descriptor: Self.duplicateName).increment()
    }

    func rejected(_ problem: String) {
        rejectedCounters.handle([problem]) {
            registry.makeCounter(descriptor: Self.rejectedName, labels: [("problem", problem)])
        }.increment()
    }

    func expired(_ count: Int) {
        guard count > 0 else { return }
        registry.makeCounter(descriptor: Self.expiredName).increment(by: Int64(count))
    }

    func request(route: String, method: String, status: Int, duration: Duration) {
        let statusText = String(status)
        requestCounters.handle([route, method, statusText]) {
            registry.makeCounter(descriptor: Self.requestsName, labels: [("route", route), ("method", method), ("status", statusText)])
        }.increment()
        requestDurations.handle([route, method]) {
            registry.makeDurationHistogram(
                descriptor: Self.durationName,
                labels: [("route", route), ("method", method)],
                buckets: [
                    .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                    .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
                ]
            )
        }.record(duration)
    }
}
