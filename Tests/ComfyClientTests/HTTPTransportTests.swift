import Testing

@testable import ComfyClient

/// `HTTPTransport` against a loopback server: round trips, keep-alive, errors, limits, concurrency.
@Suite struct HTTPTransportTests {
    let transport = HTTPTransport(maxConnectionsPerHost: 16)

    @Test func getRoundTripWithLowercasedHeaders() async throws {
        let server = try await TestHTTPServer.start { request in
            .respond(
                status: 200, headers: [("X-Echo-Method", request.method), ("Content-Type", "text/plain")],
                body: Array("path=\(request.uri)".utf8))
        }
        defer { Task { try await server.shutdown() } }
        let response = try await transport.send(
            HTTPRequest(url: server.baseURL + "/object_info?x=1", headers: [("X-Trace", "abc")])
        )
        #expect(response.status == 200 && response.text == "path=/object_info?x=1")
        #expect(response.headers["x-echo-method"] == "GET" && response.headers["content-type"] == "text/plain")
        #expect(response.totalTime > .zero)
        let seen = try #require(server.requests.first)
        #expect(seen.header("X-Trace") == "abc")
        #expect(seen.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test("a CR LF inside a header value cannot start a header of its own")
    func lineBreaksInHeaderValuesAreDropped() async throws {
        let server = try await TestHTTPServer.start { _ in .respond(status: 200, headers: [], body: []) }
        defer { Task { try await server.shutdown() } }
        _ = try await transport.send(
            HTTPRequest(url: server.baseURL + "/prompt", headers: [("X-Trace", "abc\r\nX-Injected: 1\nX-Other: 2")]))
        let seen = try #require(server.requests.first)
        #expect(seen.header("X-Injected") == nil && seen.header("X-Other") == nil)
        #expect(seen.header("X-Trace") == "abcX-Injected: 1X-Other: 2")
    }

    @Test func postRoundTripSendsTheBodyWithoutExpect() async throws {
        let server = try await TestHTTPServer.start { request in
            .respond(status: 201, body: Array("\(request.method) \(request.body.count)".utf8))
        }
        defer { Task { try await server.shutdown() } }
        // Over 1 MiB: libcurl would add `Expect: 100-continue` unless told not to.
        let body = [UInt8](repeating: 0x41, count: 2 << 20)
        let response = try await transport.send(
            HTTPRequest(method: "POST", url: server.baseURL + "/prompt", body: body))
        #expect(response.status == 201 && response.text == "POST \(body.count)")
        let seen = try #require(server.requests.first)
        #expect(seen.header("Expect") == nil && seen.body == body)
        let empty = try await transport.send(HTTPRequest(method: "POST", url: server.baseURL + "/interrupt"))
        #expect(empty.text == "POST 0")
        let put = try await transport.send(HTTPRequest(method: "DELETE", url: server.baseURL + "/x"))
        #expect(put.text == "DELETE 0")
    }

    @Test func keepAliveReusesOneConnection() async throws {
        let server = try await TestHTTPServer.start { _ in .respond(status: 200, body: [1]) }
        defer { Task { try await server.shutdown() } }
        for _ in 0..<10 {
            _ = try await transport.send(HTTPRequest(url: server.baseURL + "/prompt"))
        }
        #expect(server.acceptedConnections == 1)
    }

    @Test func serverErrorThatClosesTheConnectionIsTextThenANewConnectionWorks() async throws {
        let server = try await TestHTTPServer.start { request in
            request.uri == "/bad"
                ? .respond(
                    status: 500, headers: [("Content-Type", "text/plain; charset=utf-8")],
                    body: Array("500 Internal Server Error\n\nServer got itself in trouble".utf8), close: true)
                : .respond(status: 200, body: Array("ok".utf8))
        }
        defer { Task { try await server.shutdown() } }
        let client = ComfyClient(endpoint: try ServerEndpoint(url: server.baseURL), transport: transport)
        await #expect {
            try await client.call("POST", "/bad")
        } throws: { error in
            guard case .http(500, let url, let snippet) = error as? ComfyClientError else { return false }
            return url == server.baseURL + "/bad" && snippet == "500 Internal Server Error Server got itself in trouble"
                && "\(error)".contains("HTTP 500: 500 Internal Server Error")
        }
        let after = try await transport.send(HTTPRequest(url: server.baseURL + "/good"))
        #expect(after.text == "ok" && server.acceptedConnections == 2)
    }

    @Test func silentServerTimesOut() async throws {
        let server = try await TestHTTPServer.start { _ in .never }
        defer { Task { try await server.shutdown() } }
        let url = server.baseURL + "/history/x"
        await #expect {
            try await transport.send(HTTPRequest(url: url, timeout: .milliseconds(300)))
        } throws: { error in
            guard case .timeout(let shown, let after) = error as? ComfyClientError else { return false }
            return shown == url && after == .milliseconds(300) && "\(error)".contains("300 ms")
        }
    }

    @Test func nothingListeningIsConnectionRefusedNamingTheURLAndListen() async throws {
        await #expect {
            try await transport.send(HTTPRequest(url: "http://127.0.0.1:1/system_stats"))
        } throws: { error in
            guard case .connectionRefused(let url) = error as? ComfyClientError else { return false }
            let text = "\(error)"
            return url == "http://127.0.0.1:1/system_stats"
                && text.contains("couldn't connect to http://127.0.0.1:1/system_stats")
                && text.contains("--listen")
        }
    }

    @Test(arguments: [false, true])
    func responseOverTheLimitIsAborted(chunked: Bool) async throws {
        let server = try await TestHTTPServer.start { _ in
            .respond(status: 200, body: [UInt8](repeating: 7, count: 300_000), chunked: chunked)
        }
        defer { Task { try await server.shutdown() } }
        let url = server.baseURL + "/view?filename=a.png"
        await #expect {
            try await transport.send(HTTPRequest(url: url, maxResponseBytes: 100_000))
        } throws: { error in
            guard case .responseTooLarge(let shown, 100_000) = error as? ComfyClientError else { return false }
            return shown == url
        }
        let exact = try await transport.send(HTTPRequest(url: url, maxResponseBytes: 300_000))
        #expect(exact.body.count == 300_000)
    }

    @Test func authorizationIsSentButNeverShownInErrors() async throws {
        let secret = "Bearer s3cr3t-token-value"
        let server = try await TestHTTPServer.start { request in
            switch request.uri {
            case "/prompt":
                return .respond(
                    status: 400,
                    body: Array(
                        #"{"error": {"type": "prompt_no_outputs", "message": "Prompt has no outputs", "details": "", "extra_info": {}}, "node_errors": {}}"#
                            .utf8))
            case "/history/slow": return .never
            default:
                return .respond(status: 500, body: Array("auth was \(request.header("Authorization") ?? "-")".utf8))
            }
        }
        defer { Task { try await server.shutdown() } }
        let endpoint = try ServerEndpoint(url: server.baseURL, authorization: secret, extraHeaders: ["X-Team": "gpu"])
        let client = ComfyClient(endpoint: endpoint, transport: transport, timeout: .milliseconds(300))
        var descriptions = ["\(endpoint)", String(reflecting: endpoint)]
        do { _ = try await client.systemStats() } catch { descriptions.append("\(error)") }
        do { _ = try await client.submit(prompt: .object([:]), promptID: "p", clientID: "c") } catch {
            descriptions.append("\(error)")
        }
        do { _ = try await client.history(promptID: "slow") } catch { descriptions.append("\(error)") }
        let refused = ComfyClient(endpoint: try ServerEndpoint(url: "http://127.0.0.1:1", authorization: secret))
        do { _ = try await refused.queue() } catch { descriptions.append("\(error)") }
        #expect(descriptions.count == 6)
        for text in descriptions { #expect(!text.contains("s3cr3t"), "\(text)") }
        // It did reach the server (the 500 body echoes it, and the bounded snippet is the only place it shows).
        #expect(server.requests.first?.header("Authorization") == secret)
        #expect(server.requests.first?.header("X-Team") == "gpu")
    }

    @Test func twoHundredConcurrentRequestsAllComplete() async throws {
        let server = try await TestHTTPServer.start { request in .respond(status: 200, body: Array(request.uri.utf8)) }
        defer { Task { try await server.shutdown() } }
        let transport = self.transport
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let response = try await transport.send(HTTPRequest(url: server.baseURL + "/item/\(index)"))
                    return (index, response.text)
                }
            }
            var results: [Int: String] = [:]
            for try await (index, text) in group { results[index] = text }
            return results
        }
        #expect(bodies.count == 200)
        #expect(bodies.allSatisfy { $0.value == "/item/\($0.key)" })
        #expect(server.acceptedConnections <= 16)  // maxConnectionsPerHost holds; the rest waited in curl
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try await TestHTTPServer.start { _ in .never }
        defer { Task { try await server.shutdown() } }
        let transport = self.transport
        let task = Task { try await transport.send(HTTPRequest(url: server.baseURL + "/hang", timeout: .seconds(60))) }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        task.cancel()
        await #expect { try await task.value } throws: { error in
            if case .cancelled = error as? ComfyClientError { return true }
            return false
        }
    }

    @Test func tlsHandshakeFailureIsTLSWithTheInsecureHint() async throws {
        // An https:// URL against a plain-HTTP server: the TLS handshake cannot succeed.
        let server = try await TestHTTPServer.start { _ in .respond(status: 200) }
        defer { Task { try await server.shutdown() } }
        let url = "https://127.0.0.1:\(server.port)/system_stats"
        await #expect {
            try await transport.send(HTTPRequest(url: url, timeout: .seconds(10)))
        } throws: { error in
            guard case .tls(let shown, let message) = error as? ComfyClientError else { return false }
            return shown == url && !message.isEmpty
                && "\(error)".contains("use --insecure only if you trust the server")
        }
    }

    @Test func cancellingManyInFlightAndQueuedTransfersLeavesTheTransportUsable() async throws {
        let server = try await TestHTTPServer.start { request in request.uri == "/ok" ? .respond(status: 200) : .never }
        defer { Task { try await server.shutdown() } }
        let transport = self.transport
        // 100 transfers: 16 on connections, the rest queued inside curl behind maxConnectionsPerHost.
        let tasks = (0..<100).map { index in
            Task {
                try await transport.send(HTTPRequest(url: server.baseURL + "/hang/\(index)", timeout: .seconds(60)))
            }
        }
        while server.requests.count < 16 { try await Task.sleep(for: .milliseconds(5)) }
        for task in tasks { task.cancel() }
        var cancelled = 0
        for task in tasks {
            do { _ = try await task.value } catch ComfyClientError.cancelled { cancelled += 1 }
        }
        #expect(cancelled == 100)
        #expect(try await transport.send(HTTPRequest(url: server.baseURL + "/ok")).status == 200)
    }

    @Test func gzipBodiesAreDecoded() async throws {
        // `{"exec_info": {"queue_remaining": 7}}` gzipped, as ComfyUI sends with --enable-compress-response-body.
        let gzipped: [UInt8] = [
            31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 74, 173, 72, 77, 142, 207, 204, 75, 203, 87, 178, 82, 168, 86, 42,
            44, 77, 45, 77, 141, 47, 74, 205, 77, 204, 204, 203, 204, 75, 7, 138, 153, 215, 214, 2, 0, 6, 219, 160, 129,
            37, 0, 0, 0,
        ]
        let server = try await TestHTTPServer.start { _ in
            .respond(
                status: 200, headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/json")],
                body: gzipped)
        }
        defer { Task { try await server.shutdown() } }
        let client = ComfyClient(endpoint: try ServerEndpoint(url: server.baseURL), transport: transport)
        #expect(try await client.queueRemaining() == 7)
    }
}
