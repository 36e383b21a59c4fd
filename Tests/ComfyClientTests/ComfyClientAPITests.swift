import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import ComfyClient

/// The typed calls against a loopback server that answers with the recorded ComfyUI 0.8.0 bytes.
@Suite struct ComfyClientAPITests {
    static let transport = HTTPTransport(maxConnectionsPerHost: 8)

    func client(_ server: TestHTTPServer, timeout: Duration = .seconds(10)) throws -> ComfyClient {
        ComfyClient(
            endpoint: try ServerEndpoint(url: server.baseURL + "/"), transport: Self.transport, timeout: timeout)
    }

    @Test func submitSendsIDsAndDecodesTheReply() async throws {
        let exchange = try Fixtures.json("10_modelfree_noise.json")["submit"]
        let server = try await TestHTTPServer.start { _ in FixtureReplay.reply(exchange) }
        defer { Task { try await server.shutdown() } }
        let workflow = try Fixtures.json("workflow_modelfree_api.json")
        let accepted = try await client(server).submit(
            prompt: workflow, promptID: "c5c2a370-9999-42bf-996b-218835a6174b", clientID: "fixture-client",
            extraData: .object(["extra_pnginfo": .object([:])])
        )
        #expect(accepted == PromptAccepted(promptID: "c5c2a370-9999-42bf-996b-218835a6174b", number: 5))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST" && request.uri == "/prompt")
        #expect(request.header("Content-Type") == "application/json")
        let sent = try JSONValue.parse(Data(request.body))
        #expect(sent["prompt"] == workflow && sent["client_id"] == .string("fixture-client"))
        #expect(sent["prompt_id"] == .string("c5c2a370-9999-42bf-996b-218835a6174b"))
        #expect(sent["extra_data"] == .object(["extra_pnginfo": .object([:])]))
    }

    @Test func rejectedPromptThrowsPerNodeRendering() async throws {
        let exchange = try Fixtures.json("20_validation_errors.json")["value_not_in_list"]
        let server = try await TestHTTPServer.start { _ in FixtureReplay.reply(exchange) }
        defer { Task { try await server.shutdown() } }
        await #expect {
            try await client(server).submit(prompt: .object([:]), promptID: "p", clientID: "c")
        } throws: { error in
            guard case .promptRejected(let rejection) = error as? ComfyClientError else { return false }
            return rejection.url == server.baseURL + "/prompt"
                && "\(error)".contains(
                    "node 3 (KSampler): value_not_in_list — sampler_name: 'bogus' not in (list of length 44)")
        }
    }

    @Test func malformedBodyGetsThePlainText500() async throws {
        let exchange = try Fixtures.json("20_validation_errors.json")["invalid_json_body"]
        let server = try await TestHTTPServer.start { _ in FixtureReplay.reply(exchange) }
        defer { Task { try await server.shutdown() } }
        await #expect {
            try await client(server).submit(prompt: .object([:]), promptID: "p", clientID: "c")
        } throws: { error in
            guard case .http(500, _, let snippet) = error as? ComfyClientError else { return false }
            return snippet == "500 Internal Server Error Server got itself in trouble"
        }
    }

    @Test func historyByIDDecodesOrIsNilForEmptyObject() async throws {
        let errorRun = try Fixtures.json("30_execution_error.json")["history"]
        let unknown = try Fixtures.json("20_validation_errors.json")["history_unknown_id"]
        let server = try await TestHTTPServer.start { request in
            request.uri.hasSuffix("53509721-ebb7-461a-af26-c953a47bb6cc")
                ? FixtureReplay.reply(errorRun) : FixtureReplay.reply(unknown)
        }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        let entry = try #require(try await client.history(promptID: "53509721-ebb7-461a-af26-c953a47bb6cc"))
        #expect(entry.executionError?.exceptionType == "OSError")
        #expect(try await client.history(promptID: "00000000-0000-0000-0000-000000000000") == nil)
        #expect(server.requests.last?.uri == "/history/00000000-0000-0000-0000-000000000000")
    }

    @Test func waitForHistoryRetriesThroughTheRace() async throws {
        let recorded = try Fixtures.json("10_modelfree_noise.json")["history"]
        let calls = NIOLockedValueBox(0)
        let server = try await TestHTTPServer.start { _ in
            // `{}` twice, as right after execution_success, then the entry.
            calls.withLockedValue {
                $0 += 1; return $0
            } <= 2 ? FixtureReplay.json(.object([:])) : FixtureReplay.reply(recorded)
        }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        let entry = try await client.waitForHistory(
            promptID: "c5c2a370-9999-42bf-996b-218835a6174b", interval: .milliseconds(1))
        #expect(entry.succeeded && calls.withLockedValue { $0 } == 3)
        await #expect {
            try await client.waitForHistory(promptID: "never", attempts: 3, interval: .milliseconds(1))
        } throws: { error in
            guard case .historyMissing("never", 3) = error as? ComfyClientError else { return false }
            return true
        }
    }

    @Test func historyWindowSendsItsQuery() async throws {
        let window = try Fixtures.json("51_history_window.json")
        let server = try await TestHTTPServer.start { _ in FixtureReplay.reply(window) }
        defer { Task { try await server.shutdown() } }
        let entries = try await client(server).history(maxItems: 2, offset: 5)
        #expect(entries.count == 2 && server.requests.first?.uri == "/history?max_items=2&offset=5")
    }

    @Test func queueAndQueueRemaining() async throws {
        let fixture = try Fixtures.json("40_queue_interrupt_delete.json")
        let server = try await TestHTTPServer.start { request in
            request.uri == "/queue"
                ? FixtureReplay.reply(fixture["queue_while_running"]) : FixtureReplay.reply(fixture["get_prompt"])
        }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        let snapshot = try await client.queue()
        #expect(snapshot.running.count == 1 && snapshot.pending.count == 2)
        #expect(try await client.queueRemaining() == 3)
    }

    @Test func controlCallsSendTheRecordedBodies() async throws {
        let server = try await TestHTTPServer.start { _ in .respond(status: 200) }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        try await client.deletePending(["e3c04eee-17d6-46ba-b1f6-d39468c34cf9"])
        try await client.clearPending()
        try await client.interrupt(promptID: "c519ba44-be72-418c-9c03-9d9b038f5355")
        try await client.interrupt(promptID: nil)
        try await client.free(unloadModels: false, freeMemory: true)
        try await client.clearHistory()
        let sent = server.requests.map { "\($0.method) \($0.uri) " + String(decoding: $0.body, as: UTF8.self) }
        let fixture = try Fixtures.json("40_queue_interrupt_delete.json")
        let exchanges = [fixture["delete_pending"], fixture["interrupt"], try Fixtures.json("50_free.json")]
        let recorded = exchanges.map {
            String(decoding: ($0?["request"]?["body"] ?? .null).serialized(), as: UTF8.self)
        }
        #expect(
            sent == [
                "POST /queue \(recorded[0])", #"POST /queue {"clear":true}"#, "POST /interrupt \(recorded[1])",
                "POST /interrupt {}", "POST /free \(recorded[2])", #"POST /history {"clear":true}"#,
            ])
    }

    @Test func systemStatsAndObjectInfo() async throws {
        let stats = try Fixtures.json("01_system_stats.json")
        // The file keeps each `/object_info/{class}` reply (`{class: schema}`) under its class name.
        let replies = try Fixtures.json("02_object_info_subset.json").objectValue ?? [:]
        let merged = JSONValue.object(
            replies.reduce(into: [:]) { all, reply in all.merge(reply.value.objectValue ?? [:]) { $1 } })
        let server = try await TestHTTPServer.start { request in
            switch request.uri {
            case "/system_stats": return FixtureReplay.reply(stats)
            case "/object_info/KSampler": return FixtureReplay.json(replies["KSampler"] ?? .null)
            case "/object_info": return FixtureReplay.json(merged)
            default: return FixtureReplay.json(.object([:]))
            }
        }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        #expect(try await client.systemStats().comfyUIVersion == "0.8.0")
        #expect(try await client.objectInfo().count == 11)
        let ksampler = try await client.objectInfo(nodeClass: "KSampler")
        #expect(ksampler["KSampler"]?["input"]?["required"]?["seed"] != nil)
        #expect(try await client.objectInfo(nodeClass: "No Such/Node").isEmpty)
        #expect(server.requests.last?.uri == "/object_info/No%20Such%2FNode")
    }

    @Test func viewDownloadsTheFileAndMissingIs404() async throws {
        let png = try [UInt8](
            Data(contentsOf: Fixtures.directory.appendingPathComponent("10_modelfree_noise_output.png")))
        let missing = try Fixtures.json("20_validation_errors.json")["view_missing_file"]
        let server = try await TestHTTPServer.start { request in
            request.uri.contains("fixture_noise_00001_.png")
                ? .respond(status: 200, headers: [("Content-Type", "image/png")], body: png)
                : FixtureReplay.reply(missing)
        }
        defer { Task { try await server.shutdown() } }
        let client = try client(server)
        let bytes = try await client.view(
            OutputFile(filename: "fixture_noise_00001_.png", subfolder: "run 1", type: "output"))
        #expect(bytes == png)
        #expect(server.requests.first?.uri == "/view?filename=fixture_noise_00001_.png&type=output&subfolder=run%201")
        await #expect { try await client.view(OutputFile(filename: "nope.png")) } throws: { error in
            guard case .http(404, _, "") = error as? ComfyClientError else { return false }
            return "\(error)".contains("file not found")
        }
        await #expect {
            try await client.view(OutputFile(filename: "fixture_noise_00001_.png"), maxBytes: 1000)
        } throws: {
            if case .responseTooLarge(_, 1000) = $0 as? ComfyClientError { return true }
            return false
        }
    }

    @Test func uploadImageSendsMultipartAndReadsTheStoredName() async throws {
        let server = try await TestHTTPServer.start { _ in
            FixtureReplay.json(
                .object(["name": .string("mask (1).png"), "subfolder": .string("harness"), "type": .string("input")]))
        }
        defer { Task { try await server.shutdown() } }
        let image: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 13, 10, 255]
        let uploaded = try await client(server).uploadImage(
            image, filename: "mask.png", subfolder: "harness", type: "input", overwrite: false)
        #expect(uploaded == UploadedFile(name: "mask (1).png", subfolder: "harness", type: "input"))
        #expect(uploaded.loadImageReference == "harness/mask (1).png")
        let request = try #require(server.requests.first)
        let contentType = try #require(request.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(contentType.split(separator: "=", maxSplits: 1)[1])
        let body = request.body
        let filePart =
            Array(
                "Content-Disposition: form-data; name=\"image\"; filename=\"mask.png\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8) + image + Array("\r\n".utf8)
        #expect(body.starts(with: Array("--\(boundary)\r\n".utf8) + filePart))
        let text = String(decoding: body, as: UTF8.self)
        #expect(
            text.contains("name=\"subfolder\"\r\n\r\nharness\r\n")
                && text.contains("name=\"overwrite\"\r\n\r\nfalse\r\n"))
        #expect(text.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test func nonJSONReplyIsADecodingError() async throws {
        let server = try await TestHTTPServer.start { _ in .respond(status: 200, body: Array("<html>login</html>".utf8))
        }
        defer { Task { try await server.shutdown() } }
        await #expect { try await client(server).systemStats() } throws: { error in
            guard case .decoding(let url, let what) = error as? ComfyClientError else { return false }
            return url.hasSuffix("/system_stats") && what.contains("not valid JSON")
                && what.contains("<html>login</html>")
        }
    }
}
