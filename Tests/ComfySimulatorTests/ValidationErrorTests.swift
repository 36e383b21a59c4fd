import Testing

@testable import ComfySimulator

/// Every exchange of `20_validation_errors.json` gets the recorded status, content type and body.
@Suite struct ValidationErrorTests {
    static let cases = [
        "unknown_class_type", "required_input_missing", "value_not_in_list", "value_bigger_than_max",
        "prompt_no_outputs", "link_to_missing_node", "link_bad_output_index", "no_prompt", "invalid_json_body",
        "invalid_input_type", "view_missing_file", "view_traversal", "history_unknown_id",
    ]

    @Test(arguments: cases)
    func replyMatchesRecording(_ name: String) async throws {
        let exchange = try #require(try Fixtures.load("20_validation_errors.json")[name])
        let request = try #require(exchange["request"])
        let path = try #require(request["path"]?.stringValue)
        try await SimulatorHarness.run { sim in
            let reply: HTTPReply
            switch (request["method"]?.stringValue, request["body"]) {
            case ("GET", _): reply = try await sim.http.get(path)
            case (_, .string(let raw)?): reply = try await sim.http.post(path, raw: raw)
            case (_, let body?): reply = try await sim.http.post(path, json: body)
            default: reply = try await sim.http.post(path, raw: "")
            }
            #expect(reply.status == exchange["status"]?.intValue.map(Int.init))
            #expect(reply.contentType == exchange["content_type"]?.stringValue)
            switch exchange["body"] {
            case .string(let text)?:
                #expect(reply.text == text)
            case .null?, nil:
                #expect(reply.body.isEmpty)
            case let expected?:
                let actual = try #require(reply.json)
                #expect(Shape.differences(actual, expected) == [])
                // Error texts are deterministic: only tracebacks (paths, line numbers) may differ.
                #expect(Self.withoutTracebacks(actual) == Self.withoutTracebacks(expected), "\(actual.serialized())")
            }
        }
    }

    @Test func rejectedPromptsStillConsumeNumbers() async throws {
        try await SimulatorHarness.run { sim in
            let bad = try await sim.submit(
                .obj(["1": .obj(["class_type": "NoSuchNode", "inputs": .object([])])]),
                clientID: nil)
            #expect(bad.status == 400)
            let good = try await sim.submit(Workflows.modelFree(), clientID: nil)
            #expect(good.json?["number"] == .int(1))
        }
    }

    @Test func partialAcceptanceReportsNodeErrorsOnA200() async throws {
        var prompt = Workflows.modelFree()
        prompt.set("4", .obj(["class_type": "SaveImage", "inputs": .obj(["images": .array(["1", .int(0)])])]))
        prompt.set(
            "5",
            .obj([
                "class_type": "EmptyImage",
                "inputs": .obj([
                    "width": .int(0), "height": .int(8),
                    "batch_size": .int(1), "color": .int(0),
                ]),
            ]))
        prompt.set(
            "6",
            .obj([
                "class_type": "SaveImage",
                "inputs": .obj([
                    "images": .array(["5", .int(0)]),
                    "filename_prefix": "x",
                ]),
            ]))
        try await SimulatorHarness.run { sim in
            let reply = try await sim.submit(prompt, clientID: nil)
            #expect(reply.status == 200)
            let errors = try #require(reply.json?["node_errors"])
            #expect(errors["4"]?["errors"]?.arrayValue?.first?["type"] == "required_input_missing")
            #expect(errors["5"]?["errors"]?.arrayValue?.first?["type"] == "value_smaller_than_min")
            #expect(errors["5"]?["dependent_outputs"] == .array(["6"]))
        }
    }

    @Test func cyclesNeitherHangNorCrash() async throws {
        let cycleNode: (String) -> SimJSON = { other in
            .obj(["class_type": "ImageInvert", "inputs": .obj(["image": .array([.string(other), .int(0)])])])
        }
        try await SimulatorHarness.run { sim in
            // A cycle feeding the output: rejected (Python's RecursionError during validation).
            var reachable = Workflows.modelFree()
            reachable.set("2", cycleNode("8"))
            reachable.set("8", cycleNode("2"))
            let rejected = try await sim.submit(reachable, clientID: nil)
            #expect(rejected.status == 400)
            #expect(rejected.json?["error"]?["type"] == "prompt_outputs_failed_validation")
            // A cycle nobody needs: accepted, runs, and the unrelated output is saved.
            var unreachable = Workflows.modelFree()
            unreachable.set("8", cycleNode("9"))
            unreachable.set("9", cycleNode("8"))
            let accepted = try await sim.submit(unreachable, clientID: nil, promptID: "cyc")
            #expect(accepted.status == 200)
            await sim.waitForRecord("cyc")
            #expect(await sim.simulator.records().last?.outcome == .success)
        }
    }

    @Test func anImpossiblyLargeImageFailsLikeAnOutOfMemory() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.modelFree(width: 16384, height: 16384), clientID: "c", promptID: "oom")
            await ws.waitForCompletion(of: "oom")
            let error = ws.messages.first { $0["type"] == "execution_error" }
            #expect(error?["data"]?["exception_type"] == "torch.OutOfMemoryError")
            #expect(error?["data"]?["node_id"] == "3")
        }
    }

    static func withoutTracebacks(_ value: SimJSON) -> SimJSON {
        switch value {
        case .object(let pairs):
            return .object(
                pairs.map { (key: $0.key, value: $0.key == "traceback" ? .null : withoutTracebacks($0.value)) })
        case .array(let items): return .array(items.map(withoutTracebacks))
        default: return value
        }
    }
}
