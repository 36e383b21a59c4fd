import Testing

@testable import ComfySimulator

/// Socket-level behaviour: feature-flag handshake, reconnect during a run, lifecycle of the server.
@Suite struct WebSocketSessionTests {
    @Test func featureFlagHandshakeIsAnswered() async throws {
        try await SimulatorHarness.run { sim in
            let ws = WSRecorder(
                url: sim.wsURL + "?clientId=ff",
                firstMessage: #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#)
            defer { Task { await ws.close() } }
            let messages = await ws.waitUntil { $0.count >= 2 }
            #expect(messages.types == ["status", "feature_flags"])
            #expect(messages.last?["data"]?["supports_preview_metadata"] == .bool(true))
        }
    }

    @Test func reconnectingDuringARunGetsTheCurrentNode() async throws {
        try await SimulatorHarness.run(QueueControlTests.slow) { sim in
            let first = await sim.socket("re")
            _ = try await sim.submit(Workflows.sd15(steps: 4), clientID: "re", promptID: "r")
            await first.waitUntil { $0.contains { $0["type"] == "progress" } }
            await first.close()
            let second = await sim.socket("re")
            defer { Task { await second.close() } }
            let messages = await second.waitUntil { $0.count >= 2 }
            #expect(messages.types.prefix(2) == ["status", "executing"])
            // The reconnect message has only `node`: no prompt_id, no display_node.
            #expect(messages[1]["data"] == .obj(["node": "3"]))
            await second.waitForCompletion(of: "r")
        }
    }

    @Test func runUntilCancelledServesThenStops() async throws {
        let simulator = ComfySimulator(configuration: .init(timeScale: 0))
        let serving = Task { try await simulator.runUntilCancelled() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while simulator.port == 0, clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let reply = try await HTTPHelper(baseURL: simulator.baseURL).get("/api/prompt")
        #expect(reply.json == .obj(["exec_info": .obj(["queue_remaining": .int(0)])]))
        #expect(simulator.baseURL == "http://127.0.0.1:\(simulator.port)")
        serving.cancel()
        try await serving.value
    }

    @Test func aPortInUseFailsToStart() async throws {
        try await SimulatorHarness.run { sim in
            let second = ComfySimulator(configuration: .init(port: sim.simulator.port, timeScale: 0))
            await #expect(throws: SimulatorError.self) { try await second.start() }
        }
    }

    @Test func globalInterruptStopsTheRunningPromptOnly() async throws {
        try await SimulatorHarness.run(QueueControlTests.slow) { sim in
            let ws = await sim.socket("g")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.sd15(seed: 1, steps: 6), clientID: "g", promptID: "g1")
            _ = try await sim.submit(Workflows.sd15(seed: 2, steps: 1), clientID: "g", promptID: "g2")
            await ws.waitUntil { $0.contains { $0["type"] == "progress" } }
            let reply = try await sim.http.post("/interrupt", raw: "")
            #expect(reply.status == 200 && reply.body.isEmpty)
            await ws.waitForCompletion(of: "g2")
            #expect(await sim.simulator.records().map(\.outcome) == [.interrupted, .success])
            // A JSON value that is not an object is a 500, like ComfyUI.
            let bad = try await sim.http.post("/interrupt", raw: "[1]")
            #expect(bad.status == 500)
        }
    }

    @Test func smallListEndpoints() async throws {
        try await SimulatorHarness.run { sim in
            let models = try await sim.http.get("/models/checkpoints")
            #expect(models.json == .array(ObjectInfoCatalog.checkpointNames.map { .string($0) }))
            let missing = try await sim.http.get("/api/models/nope")
            #expect(missing.status == 404)
            let embeddings = try await sim.http.get("/embeddings")
            #expect(embeddings.json == .array([]))
        }
    }
}
