import HTTPTypes
import Hummingbird

/// Stands in for a reverse proxy with auth in front of ComfyUI: every request whose `Authorization`
/// header is not exactly the configured value gets `401 Unauthorized` before any route runs.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let required: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard request.headers[.authorization] == required else {
            var response = SimulatorRouter.response(.plain(401, "401 Unauthorized"))
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }
}
