import Hummingbird

/// Runs each request with a preference for its connection's event loop (`EventLoopTaskExecutor`),
/// so its handler, its store round trips and its response write stay on the thread that reads
/// and writes the connection.
struct ConnectionLoopMiddleware: RouterMiddleware {
    typealias Context = GatewayContext

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        let executor = EventLoopTaskExecutor(context.channel.eventLoop)
        return try await withTaskExecutorPreference(executor) {
            try await next(request, context)
        }
    }
}
