import HTTPTypes
import Hummingbird

/// Applies the HTTP fault knobs (delays, error replies on every Nth request) before a route runs.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let engine: SimulatorEngine

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let route = SimulatorRouter.routeName(request.uri.path)
        let (status, delay) = await engine.injectedFailure(route: route)
        if let delay { try await Task.sleep(for: delay) }
        if status != 0 {
            let failure: SimResponse =
                status == 500
                ? .serverError
                : .plain(status, "\(status) \(HTTPResponse.Status(code: status).reasonPhrase)")
            return SimulatorRouter.response(failure)
        }
        return try await next(request, context)
    }
}
