import HTTPTypes
import Hummingbird

/// The HTTP routes of ComfyUI 0.8.0, each also under `/api`, mapped onto `SimulatorEngine`.
enum SimulatorRouter {
    /// Largest request body aiohttp accepts by default (`--max-upload-size 100`).
    static let maxBodyBytes = 100 * 1024 * 1024

    /// The route a path belongs to, without the `/api` prefix (the key of fault rules).
    static func routeName(_ path: String) -> String {
        path.hasPrefix("/api/") ? String(path.dropFirst(4)) : path
    }

    static func response(_ reply: SimResponse) -> Response {
        var headers = HTTPFields()
        if let contentType = reply.contentType { headers[.contentType] = contentType }
        for header in reply.headers {
            if let name = HTTPField.Name(header.name) { headers[name] = header.value }
        }
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    static func body(_ request: Request) async throws -> [UInt8]? {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch {
            return nil
        }
    }

    static let tooLarge = SimResponse.plain(413, "Maximum request body size \(maxBodyBytes) exceeded.")

    static func build(engine: SimulatorEngine, portBox: PortBox) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        if let required = engine.configuration.requiredAuthorization {
            router.add(middleware: AuthMiddleware(required: required))
        }
        router.add(middleware: FaultMiddleware(engine: engine))
        for prefix in ["", "/api"] {
            router.post("\(prefix)/prompt") { request, _ in
                guard let bytes = try await body(request) else { return response(tooLarge) }
                return response(await engine.submitPrompt(bytes))
            }
            router.get("\(prefix)/prompt") { _, _ in response(await engine.promptInfo()) }
            router.get("\(prefix)/queue") { _, _ in response(await engine.queueSnapshot()) }
            router.post("\(prefix)/queue") { request, _ in
                guard let bytes = try await body(request) else { return response(tooLarge) }
                return response(await engine.postQueue(bytes))
            }
            router.post("\(prefix)/interrupt") { request, _ in
                response(await engine.interrupt(try await body(request) ?? []))
            }
            router.post("\(prefix)/free") { request, _ in
                guard let bytes = try await body(request) else { return response(tooLarge) }
                return response(await engine.free(bytes))
            }
            router.get("\(prefix)/history") { request, _ in
                let query = request.uri.queryParameters
                return response(
                    await engine.historyWindow(
                        maxItems: query["max_items"].map(String.init), offset: query["offset"].map(String.init)))
            }
            router.get("\(prefix)/history/:id") { _, context in
                response(await engine.historyEntry(context.parameters.get("id") ?? ""))
            }
            router.post("\(prefix)/history") { request, _ in
                guard let bytes = try await body(request) else { return response(tooLarge) }
                return response(await engine.postHistory(bytes))
            }
            router.get("\(prefix)/view") { request, _ in
                let query = request.uri.queryParameters
                return response(
                    await engine.view(
                        filename: query["filename"].map(String.init), subfolder: query["subfolder"].map(String.init),
                        type: query["type"].map(String.init)))
            }
            router.post("\(prefix)/upload/image") { request, _ in
                guard let bytes = try await body(request) else { return response(tooLarge) }
                return response(await engine.uploadImage(contentType: request.headers[.contentType], body: bytes))
            }
            router.get("\(prefix)/system_stats") { _, _ in response(await engine.systemStats(port: portBox.port)) }
            router.get("\(prefix)/features") { _, _ in response(await engine.featuresReply()) }
            router.get("\(prefix)/object_info") { _, _ in response(await engine.objectInfo(nil)) }
            router.get("\(prefix)/object_info/:class") { _, context in
                response(await engine.objectInfo(context.parameters.get("class") ?? ""))
            }
            router.get("\(prefix)/embeddings") { _, _ in response(.json(.array([]))) }
            router.get("\(prefix)/models") { _, _ in
                response(
                    .json(
                        .array(
                            [
                                "checkpoints", "loras", "vae", "text_encoders", "diffusion_models",
                                "embeddings", "diffusers", "upscale_models",
                            ].map { .string($0) })))
            }
            router.get("\(prefix)/models/:folder") { _, context in
                switch context.parameters.get("folder") {
                case "checkpoints":
                    return response(.json(.array(ObjectInfoCatalog.checkpointNames.map { .string($0) })))
                case "diffusers": return response(.json(.array(["random-sd15"])))
                case "loras", "vae", "text_encoders", "diffusion_models", "embeddings", "upscale_models":
                    return response(.json(.array([])))
                default: return response(.empty(404))
                }
            }
            // Reached only when the upgrade was not made: refused by the fault knob (503), or a plain GET (400).
            router.get("\(prefix)/ws") { _, _ in
                response(await engine.refusesWebSockets() ? .plain(503, "503 Service Unavailable") : .empty(400))
            }
        }
        return router
    }
}
