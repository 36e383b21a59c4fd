import Testing

@testable import ComfySimulator

/// A prompt's reply, WebSocket sequence and history match the recorded transcripts `10_*`, `11_*`, `12_*`.
@Suite struct PromptLifecycleTests {
    @Test(arguments: ["10_modelfree_noise.json", "11_sd15_ksampler.json"])
    func freshPromptMatchesTranscript(_ file: String) async throws {
        let fixture = try Fixtures.load(file)
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("fixture-client")
            defer { Task { await ws.close() } }
            guard let prompt = fixture["submit"]?["request"]?["body"]?["prompt"] else {
                Issue.record("fixture has no prompt")
                return
            }
            let promptID = "sim-\(file)"
            let reply = try await sim.submit(prompt, clientID: "fixture-client", promptID: promptID)
            #expect(reply.status == 200)
            #expect(reply.contentType == "application/json; charset=utf-8")
            let expectedReply = try #require(fixture["submit"]?["body"])
            #expect(Shape.differences(try #require(reply.json), expectedReply) == [])
            #expect(reply.json?["prompt_id"]?.stringValue == promptID)

            await ws.waitForCompletion(of: promptID)
            let received = Array(ws.messages.dropFirst())  // the connect-time status
            #expect(received.types == Fixtures.messageTypes(fixture["ws"]))
            // Every message has the recorded shape, position by position.
            for (actual, expected) in zip(received, fixture["ws"]?.arrayValue ?? []) {
                if let text = expected["text"] {
                    #expect(Shape.differences(actual, text) == [], "\(actual.serialized())")
                }
            }
            let history = try await sim.http.get("/history/\(promptID)")
            #expect(history.status == 200)
            #expect(history.contentType == "application/json; charset=utf-8")
            let expectedHistory = try #require(fixture["history"]?["body"])
            #expect(Shape.differences(try #require(history.json), expectedHistory, dynamicKeys: true) == [])
        }
    }

    @Test func identicalResubmissionIsCachedLikeTranscript12() async throws {
        let fixture = try Fixtures.load("12_sd15_identical_resubmit_cached.json")
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("fixture-client")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.sd15(), clientID: "fixture-client", promptID: "first")
            await ws.waitForCompletion(of: "first")
            _ = try await sim.submit(Workflows.sd15(), clientID: "fixture-client", promptID: "second")
            await ws.waitForCompletion(of: "second")
            let second = ws.messages(for: "second")
            // The recording starts with the two status messages before execution_start.
            let expectedTypes = Array(Fixtures.messageTypes(fixture["ws"]).drop { $0 == "status" })
            #expect(second.types == expectedTypes)
            let cached = second.first { $0["type"]?.stringValue == "execution_cached" }
            #expect(cached?["data"]?["nodes"] == .array(["4", "5", "6", "7", "3", "8", "9"]))
            let firstFile = try #require(await sim.simulator.records().first?.outputs.first)
            let executed = second.first { $0["type"]?.stringValue == "executed" }
            #expect(executed?["data"]?["output"]?["images"]?.arrayValue?.first?["filename"]?.stringValue == firstFile)
            let records = await sim.simulator.records()
            #expect(records.map(\.outcome) == [.success, .cached])
            #expect(records.last?.executedNodes == [])
            let history = try await sim.http.get("/history/second")
            let expectedHistory = try #require(fixture["history"]?["body"])
            #expect(Shape.differences(try #require(history.json), expectedHistory, dynamicKeys: true) == [])
        }
    }
}
