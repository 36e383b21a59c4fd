import Testing

@testable import ComfySimulator

/// Queue, delete, interrupt, free and history windows, against `40_*`, `50_*`, `51_*`.
@Suite struct QueueControlTests {
    /// Slow enough steps that the queue can be inspected while the first prompt samples.
    static let slow = SimulatorConfiguration(
        timeScale: 1,
        profile: {
            var profile = GPUProfile.rtx4090.withFixedStep(seconds: 0.25)
            profile.modelLoadSeconds = 0.01
            return profile
        }())

    @Test func queueDeleteInterruptSequenceLikeTranscript40() async throws {
        let fixture = try Fixtures.load("40_queue_interrupt_delete.json")
        try await SimulatorHarness.run(Self.slow) { sim in
            let ws = await sim.socket("fixture-client")
            defer { Task { await ws.close() } }
            for (index, id) in ["A", "B", "C"].enumerated() {
                let reply = try await sim.submit(
                    Workflows.sd15(seed: Int64(101 + index), steps: 8), clientID: "fixture-client", promptID: id)
                #expect(reply.status == 200)
            }
            await ws.waitUntil { $0.contains { $0["type"] == "progress" && $0["data"]?["prompt_id"] == "A" } }

            let queue = try await sim.http.get("/queue")
            #expect(
                Shape.differences(try #require(queue.json), try #require(fixture["queue_while_running"]?["body"])) == []
            )
            #expect(queue.json?["queue_running"]?.arrayValue?.count == 1)
            #expect(queue.json?["queue_pending"]?.arrayValue?.count == 2)
            #expect(queue.json?["queue_pending"]?.arrayValue?.first?.arrayValue?.count == 5)
            let info = try await sim.http.get("/prompt")
            #expect(info.json == fixture["get_prompt"]?["body"])

            let delete = try await sim.http.post("/queue", json: .obj(["delete": .array(["C"])]))
            #expect(delete.status == 200 && delete.body.isEmpty && delete.contentType == nil)
            let after = try await sim.http.get("/queue")
            #expect(
                Shape.differences(try #require(after.json), try #require(fixture["queue_after_delete"]?["body"])) == [])
            #expect(after.json?["queue_pending"]?.arrayValue?.first?.arrayValue?[1] == "B")

            let interrupt = try await sim.http.post("/interrupt", json: .obj(["prompt_id": "A"]))
            #expect(interrupt.status == 200 && interrupt.body.isEmpty)
            await ws.waitForCompletion(of: "B")

            // Per prompt, the non-status, non-progress sequence is the recorded one.
            let recorded = try #require(fixture["ws"]?.arrayValue)
            for id in ["A", "B"] {
                let recordedID =
                    id == "A" ? fixture["prompt_ids"]?.arrayValue?[0] : fixture["prompt_ids"]?.arrayValue?[1]
                let expected = recorded.compactMap { $0["text"] }.filter { $0["data"]?["prompt_id"] == recordedID }
                #expect(Self.skeleton(ws.messages(for: id)) == Self.skeleton(expected), "\(id)")
            }
            let interrupted = ws.messages.first { $0["type"] == "execution_interrupted" }
            let expectedInterrupted = recorded.compactMap { $0["text"] }.first { $0["type"] == "execution_interrupted" }
            #expect(Shape.differences(try #require(interrupted), try #require(expectedInterrupted)) == [])
            #expect(interrupted?["data"]?["node_id"] == "3")

            for (id, fixtureIndex) in [("A", 0), ("B", 1), ("C", 2)] {
                let recordedID = try #require(fixture["prompt_ids"]?.arrayValue?[fixtureIndex].stringValue)
                let expected = try #require(fixture["history"]?[recordedID])
                let actual = try #require(try await sim.http.get("/history/\(id)").json)
                if expected == .object([]) {
                    #expect(actual == .object([]))
                } else {
                    #expect(Shape.differences(actual, expected, dynamicKeys: true) == [], "\(id)")
                }
            }
            let outcomes = await sim.simulator.records().map(\.outcome)
            #expect(outcomes == [.interrupted, .success, .deleted])
        }
    }

    @Test func clearWipesPendingButNotTheRunningPrompt() async throws {
        try await SimulatorHarness.run(Self.slow) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for seed in 1...3 {
                _ = try await sim.submit(
                    Workflows.sd15(seed: Int64(seed), steps: 2), clientID: "c", promptID: "k\(seed)")
            }
            await ws.waitUntil { $0.contains { $0["type"] == "execution_start" } }
            let clear = try await sim.http.post("/api/queue", json: .obj(["clear": .bool(true)]))
            #expect(clear.status == 200 && clear.body.isEmpty)
            let queue = try #require(try await sim.http.get("/queue").json)
            #expect(queue["queue_pending"] == .array([]))
            #expect(queue["queue_running"]?.arrayValue?.count == 1)
            await ws.waitForCompletion(of: "k1")
            #expect(await sim.simulator.records().map(\.outcome) == [.success, .deleted, .deleted])
            #expect(try await sim.http.get("/history/k2").json == .object([]))
        }
    }

    /// Types without status/progress noise (their count depends on timing).
    static func skeleton(_ messages: [SimJSON]) -> [String] {
        messages.types.filter { !["status", "progress", "progress_state"].contains($0) }
    }

    @Test func freeMakesTheNextIdenticalPromptExecuteAgain() async throws {
        let fixture = try Fixtures.load("50_free.json")
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for id in ["p1", "p2"] {
                _ = try await sim.submit(Workflows.sd15(), clientID: "c", promptID: id)
                await ws.waitForCompletion(of: id)
            }
            let loaded = try await sim.http.get("/system_stats")
            let free = try await sim.http.post("/free", json: try #require(fixture["request"]?["body"]))
            #expect(free.status == 200 && free.body.isEmpty && free.contentType == nil)
            let freed = try await sim.http.get("/system_stats")
            let used: (HTTPReply) -> Int64? = { reply in
                guard let device = reply.json?["devices"]?.arrayValue?.first,
                    let total = device["vram_total"]?.intValue, let free = device["vram_free"]?.intValue
                else { return nil }
                return total - free
            }
            #expect(try #require(used(freed)) < (try #require(used(loaded))))
            _ = try await sim.submit(Workflows.sd15(), clientID: "c", promptID: "p3")
            await ws.waitForCompletion(of: "p3")
            let records = await sim.simulator.records()
            #expect(records.map(\.outcome) == [.success, .cached, .success])
            #expect(records[2].executedNodes == ["4", "6", "7", "5", "3", "8", "9"])
            #expect(records[2].outputs != records[0].outputs)
        }
    }

    @Test func historyWindowLikeTranscript51() async throws {
        let fixture = try Fixtures.load("51_history_window.json")
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for seed in 1...3 {
                _ = try await sim.submit(Workflows.sd15(seed: Int64(seed)), clientID: "c", promptID: "h\(seed)")
                await ws.waitForCompletion(of: "h\(seed)")
            }
            let reply = try await sim.http.get("/history?max_items=2")
            #expect(reply.status == 200)
            let body = try #require(reply.json)
            #expect(body.objectPairs?.map(\.key) == ["h2", "h3"])
            // The recording's window holds an interrupted and a successful entry: compare with the successful one.
            let success = try #require(
                fixture["body"]?.objectPairs?.first { $0.value["status"]?["status_str"] == "success" }?.value)
            let diffs = Shape.differences(body, .object([(key: "any", value: success)]), dynamicKeys: true)
            #expect(diffs == [])
            let offset = try #require(try await sim.http.get("/history?offset=1&max_items=1").json)
            #expect(offset.objectPairs?.map(\.key) == ["h2"])
            #expect(try await sim.http.get("/history?max_items=abc").status == 500)
            _ = try await sim.http.post("/history", json: .obj(["delete": .array(["h2"])]))
            #expect(try await sim.http.get("/history").json?.objectPairs?.map(\.key) == ["h1", "h3"])
            _ = try await sim.http.post("/history", json: .obj(["clear": .bool(true)]))
            #expect(try await sim.http.get("/history").json == .object([]))
        }
    }
}
