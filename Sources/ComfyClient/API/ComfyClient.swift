/// Typed calls to one ComfyUI server's HTTP API, over a shared `HTTPTransport`.
///
/// Every call throws `ComfyClientError`. The client holds no state besides its configuration, so it
/// is cheap to copy and safe to use from many tasks at once.
public struct ComfyClient: Sendable {
    public let endpoint: ServerEndpoint
    public let transport: HTTPTransport
    /// Per-request timeout for every call.
    public let timeout: Duration

    public init(endpoint: ServerEndpoint, transport: HTTPTransport = .shared, timeout: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.transport = transport
        self.timeout = timeout
    }

    /// Sends one request with the endpoint's headers; returns the response whatever its status.
    func send(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        contentType: String? = nil,
        maxResponseBytes: Int = 64 << 20
    ) async throws -> (HTTPResponse, String) {
        let url = endpoint.url(path, query: query)
        var headers = endpoint.requestHeaders
        if let contentType { headers.append(("Content-Type", contentType)) }
        let request = HTTPRequest(
            method: method,
            url: url,
            headers: headers,
            body: body,
            timeout: timeout,
            insecure: endpoint.insecure,
            maxResponseBytes: maxResponseBytes
        )
        return (try await transport.send(request), URLRedaction.redact(url))
    }

    /// Sends a JSON body (or none) and requires a 2xx answer.
    @discardableResult
    func call(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        json: JSONValue? = nil,
        maxResponseBytes: Int = 64 << 20
    ) async throws -> (HTTPResponse, String) {
        let body = json.map { [UInt8]($0.serialized()) }
        let (response, url) = try await send(
            method, path, query: query, body: body,
            contentType: body == nil ? nil : "application/json",
            maxResponseBytes: maxResponseBytes
        )
        try requireSuccess(response, url: url)
        return (response, url)
    }

    /// GET `path` and parse the JSON reply.
    func getJSON(_ path: String, query: [(String, String)] = []) async throws -> (JSONValue, String) {
        let (response, url) = try await call("GET", path, query: query)
        return (try parseJSON(response, url: url), url)
    }

    func requireSuccess(_ response: HTTPResponse, url: String) throws {
        guard (200..<300).contains(response.status) else {
            throw ComfyClientError.http(status: response.status, url: url, bodySnippet: snippet(response.body))
        }
    }

    func parseJSON(_ response: HTTPResponse, url: String) throws -> JSONValue {
        do {
            return try JSONFields.parse(response.body, context: "reply body")
        } catch let error as ComfyDecodingError {
            throw ComfyClientError.decoding(url: url, what: "\(error.message): \(snippet(response.body))")
        }
    }

    /// A body snippet with the authorization value blanked out (a proxy may echo request headers).
    func snippet(_ body: [UInt8]) -> String {
        endpoint.redactingSecrets(in: Self.bodySnippet(body))
    }

    /// Runs a model decoder, turning its `ComfyDecodingError` into `.decoding(url, what)`.
    static func decode<T>(_ url: String, _ decoder: () throws -> T) throws -> T {
        do {
            return try decoder()
        } catch let error as ComfyDecodingError {
            throw ComfyClientError.decoding(url: url, what: error.message)
        }
    }

    /// The start of a body as one line of text: whitespace runs collapsed, at most 300 characters.
    static func bodySnippet(_ body: [UInt8], limit: Int = 300) -> String {
        guard !body.isEmpty else { return "" }
        guard let text = String(validating: body.prefix(4096), as: UTF8.self) ?? String(validating: body, as: UTF8.self)
        else { return "<\(body.count) bytes of binary data>" }
        let words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count > limit ? String(words.prefix(limit)) + "…" : words
    }
}
