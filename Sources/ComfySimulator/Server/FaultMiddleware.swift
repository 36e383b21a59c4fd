import HTTPTypes
import Hummingbird
import NIOCore

/// Applies the HTTP fault knobs (delays, error replies and broken bodies on every Nth request) before a route runs.
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
        if let bad = await engine.injectedBadReply(route: route) { return Self.response(bad) }
        return try await next(request, context)
    }

    /// A 200 `application/json` reply with the broken body.
    static func response(_ kind: SimulatorFaults.BadReply.Kind) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        switch kind {
        case .malformedJSON:
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"prompt_id": "x", "number": 1, "node_errors": {"#)))
        case .wrongShape:
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"["not", {"what": "a ComfyUI route answers"}, 42]"#)))
        case .garbage(let count):
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: garbage(count))))
        case .endless:
            // Chunked, never finished: the write fails (and the loop ends) once the client hangs up.
            let chunk = ByteBuffer(bytes: garbage(64 << 10))
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    while !Task.isCancelled { try await writer.write(chunk) }
                })
        }
    }

    /// Deterministic non-UTF-8 noise (xorshift), so a failing test sees the same bytes every run.
    static func garbage(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<max(count, 0)).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24) | 0x80
        }
    }
}
