/// Typed calls to one ComfyUI server's HTTP API, over a shared `HTTPTransport`.
///
/// Every call throws `ComfyClientError`. The client holds no state besides its configuration, so it
/// is cheap to copy and safe to use from many tasks at once.
public struct ComfyClient: Sendable {
    public let endpoint: ServerEndpoint
    public let transport: HTTPTransport
    /// Per-request timeout for every call but `/view`.
    public let timeout: Duration
    /// Per-request timeout for `/view` downloads (images can be large; a slow disk or proxy shows here).
    public let downloadTimeout: Duration
    /// Which failures are sent again (none by default).
    public let retry: RetryPolicy
    /// The largest API reply body accepted; a bigger one aborts the transfer (`.responseTooLarge`), so a
    /// broken or hostile server cannot grow this process's memory. `/view` has its own limit.
    public let maxReplyBytes: Int

    public init(
        endpoint: ServerEndpoint, transport: HTTPTransport = .shared, timeout: Duration = .seconds(30),
        downloadTimeout: Duration? = nil, retry: RetryPolicy = .none, maxReplyBytes: Int = 64 << 20
    ) {
        self.endpoint = endpoint
        self.transport = transport
        self.timeout = timeout
        self.downloadTimeout = downloadTimeout ?? timeout
        self.retry = retry
        self.maxReplyBytes = maxReplyBytes
    }

    /// Sends one request with the endpoint's headers; returns the response whatever its status.
    ///
    /// Transient failures (see `RetryPolicy`) are sent again as the policy allows; the last reply
    /// or error is what the caller sees.
    func send(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        body: [UInt8]? = nil,
        contentType: String? = nil,
        maxResponseBytes: Int? = nil,
        timeout requestTimeout: Duration? = nil
    ) async throws -> (HTTPResponse, String) {
        let url = endpoint.url(path, query: query)
        var headers = endpoint.requestHeaders
        if let contentType { headers.append(("Content-Type", contentType)) }
        let request = HTTPRequest(
            method: method,
            url: url,
            headers: headers,
            body: body,
            timeout: requestTimeout ?? timeout,
            insecure: endpoint.insecure,
            maxResponseBytes: maxResponseBytes ?? maxReplyBytes
        )
        let shownURL = URLRedaction.redact(url)
        let retries = retry.retries(method: method, path: path)
        var attempt = 0
        while true {
            do {
                let response = try await transport.send(request)
                if attempt < retries, RetryPolicy.isTransient(status: response.status) {
                    attempt += 1
                    try await pause(beforeRetry: attempt, url: shownURL)
                    continue
                }
                return (response, shownURL)
            } catch let error as ComfyClientError where attempt < retries && RetryPolicy.isTransient(error) {
                attempt += 1
                try await pause(beforeRetry: attempt, url: shownURL)
            }
        }
    }

    private func pause(beforeRetry retry: Int, url: String) async throws {
        do {
            try await Task.sleep(for: self.retry.delay(beforeRetry: retry, unitRandom: Double.random(in: 0..<1)))
        } catch {
            throw ComfyClientError.cancelled(url: url)
        }
    }

    /// Sends a JSON body (or none) and requires a 2xx answer.
    @discardableResult
    func call(
        _ method: String,
        _ path: String,
        query: [(String, String)] = [],
        json: JSONValue? = nil,
        maxResponseBytes: Int? = nil,
        timeout: Duration? = nil
    ) async throws -> (HTTPResponse, String) {
        let body = json.map { $0.serializedBytes() }
        let (response, url) = try await send(
            method, path, query: query, body: body,
            contentType: body == nil ? nil : "application/json",
            maxResponseBytes: maxResponseBytes, timeout: timeout
        )
        try requireSuccess(response, url: url)
        return (response, url)
    }

    /// GET `path` and parse the JSON reply.
    func getJSON(
        _ path: String, query: [(String, String)] = [], skipping skip: JSONParser.SkipRule? = nil
    ) async throws -> (JSONValue, String) {
        let (response, url) = try await call("GET", path, query: query)
        return (try parseJSON(response, url: url, skipping: skip), url)
    }

    func requireSuccess(_ response: HTTPResponse, url: String) throws {
        guard (200..<300).contains(response.status) else {
            throw ComfyClientError.http(status: response.status, url: url, bodySnippet: snippet(response.body))
        }
    }

    func parseJSON(_ response: HTTPResponse, url: String, skipping skip: JSONParser.SkipRule? = nil) throws -> JSONValue {
        do {
            return try JSONFields.parse(response.body, context: "reply body", skipping: skip)
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
