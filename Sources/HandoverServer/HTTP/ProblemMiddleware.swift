import HandoverStore
import Hummingbird
import Logging

/// Turns every failure into an RFC 9457 problem document and records request metrics, so that no
/// route answers with a bare status or an HTML page.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = GatewayContext
    let metrics: GatewayMetrics

    func handle(
        _ request: Request,
        context: GatewayContext,
        next: (Request, GatewayContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            let problem = Self.problem(for: error, context: context)
            response = try problem.response(from: request, context: context)
            if problem.status.code >= 400 && problem.status.code < 500 && request.method == .post {
                metrics.rejected(problem.name)
            }
        }
        metrics.request(
            route: context.endpointPath ?? "unmatched",
            method: request.method.rawValue,
            status: response.status.code,
            duration: ContinuousClock.now - started
        )
        return response
    }

    static func problem(for error: any Error, context: GatewayContext) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as StoreError:
            if error.code == .storage { context.logger.error("store failure", metadata: ["error": "\(error)"]) }
            return Problem.from(error, id: "")
        case let error as HTTPError:
            return Problem(
                error.status,
                error.status == .notFound ? "no-such-endpoint" : "http-error",
                title: error.status.reasonPhrase,
                detail: error.body ?? "see contracts/openapi.yaml for the endpoints and methods the gateway offers"
            )
        default:
            context.logger.error("unexpected failure", metadata: ["error": "\(error)"])
            return Problem(
                .internalServerError,
                "internal",
                title: "The gateway failed to handle the request",
                detail: "nothing was stored for this request; retry, and report it to the gateway operator if it persists"
            )
        }
    }
}
