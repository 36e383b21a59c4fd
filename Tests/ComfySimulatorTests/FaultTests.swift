import Testing

@testable import ComfySimulator

/// The fault knobs do what they say, deterministically.
@Suite struct FaultTests {
    @Test func everyNthPromptRequestFailsWithTheConfiguredStatus() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/prompt", status: 503, every: 2)])
        try await SimulatorHarness.run(.init(timeScale: 0, faults: faults)) { sim in
            var statuses: [Int] = []
            for seed in 1...4 {
                statuses.append(try await sim.submit(Workflows.modelFree(seed: Int64(seed)), clientID: nil).status)
            }
            #expect(statuses == [200, 503, 200, 503])
            // The route is shared with /api/prompt; other routes are untouched.
            #expect(try await sim.http.get("/system_stats").status == 200)
            await sim.simulator.setFaults(.none)
            let healed = try await sim.submit(Workflows.modelFree(seed: 9), clientID: nil)
            #expect(healed.status == 200)
        }
    }

    @Test func wildcardRulesCountAllMatchingPathsTogether() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "/history/*", status: 502, every: 3)])
        try await SimulatorHarness.run(.init(timeScale: 0, faults: faults)) { sim in
            var statuses: [Int] = []
            for id in ["a", "b", "c", "d", "e", "f"] {
                statuses.append(try await sim.http.get("/api/history/\(id)").status)
            }
            #expect(statuses == [200, 200, 502, 200, 200, 502])
            let plain = try await sim.http.get("/history")
            #expect(plain.status == 200)
        }
    }

    @Test func a500FaultAnswersLikeAiohttp() async throws {
        let faults = SimulatorFaults(httpErrors: [.init(route: "*", status: 500)])
        try await SimulatorHarness.run(.init(timeScale: 0, faults: faults)) { sim in
            let reply = try await sim.http.get("/api/queue")
            #expect(reply.status == 500)
            #expect(reply.text == "500 Internal Server Error\n\nServer got itself in trouble")
        }
    }

    @Test func delayedRoutesStillAnswer() async throws {
        let faults = SimulatorFaults(delays: [.init(route: "/queue", delay: .milliseconds(50))])
        try await SimulatorHarness.run(.init(timeScale: 0, faults: faults)) { sim in
            let reply = try await sim.http.get("/queue")
            #expect(reply.status == 200)
        }
    }

    @Test func webSocketIsDroppedAfterNMessages() async throws {
        let faults = SimulatorFaults(dropWebSocketAfterMessages: 5)
        try await SimulatorHarness.run(.init(timeScale: 0, faults: faults)) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.modelFree(), clientID: "c", promptID: "p")
            await ws.waitUntil { _ in ws.ended }
            #expect(ws.ended)
            #expect(ws.messages.count == 5)
            // The prompt still completes and lands in history (fall back to polling).
            await sim.waitForRecord("p")
            let history = try await sim.http.get("/history/p")
            #expect(history.json?["p"] != nil)
        }
    }

    @Test func refusedWebSocketsGet503() async throws {
        try await SimulatorHarness.run(.init(timeScale: 0, faults: .init(refuseWebSockets: true))) { sim in
            let ws = WSRecorder(url: sim.wsURL + "?clientId=x")
            await ws.waitUntil { _ in ws.ended }
            #expect(ws.ended && ws.messages.isEmpty)
            let plain = try await sim.http.get("/ws")
            #expect(plain.status == 503)
        }
    }

    @Test func lostPromptsHaveNoHistory() async throws {
        try await SimulatorHarness.run(.init(timeScale: 0, faults: .init(loseHistoryEvery: 2))) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for seed in 1...2 {
                _ = try await sim.submit(Workflows.modelFree(seed: Int64(seed)), clientID: "c", promptID: "l\(seed)")
                await ws.waitForCompletion(of: "l\(seed)")
            }
            #expect(try await sim.http.get("/history/l1").json?["l1"] != nil)
            #expect(try await sim.http.get("/history/l2").json == .object([]))
            #expect(await sim.simulator.records().map(\.historyWritten) == [true, false])
        }
    }

    @Test func truncatedViewIsNotAValidPNG() async throws {
        try await SimulatorHarness.run(.init(timeScale: 0, faults: .init(truncateViewEvery: 2))) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.modelFree(), clientID: "c", promptID: "v")
            await ws.waitForCompletion(of: "v")
            let name = "fixture_noise_00001_.png"
            let whole = try await sim.http.get("/view?filename=\(name)").body
            let cut = try await sim.http.get("/view?filename=\(name)").body
            #expect(throws: Never.self) { try PNGCheck.decode(whole) }
            #expect(cut.count == whole.count / 2)
            #expect(throws: PNGCheck.Failure.self) { try PNGCheck.decode(cut) }
        }
    }

    @Test func cacheNoneRunsEverythingEveryTime() async throws {
        try await SimulatorHarness.run(.init(timeScale: 0, cacheMode: .none)) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for id in ["n1", "n2"] {
                _ = try await sim.submit(Workflows.sd15(), clientID: "c", promptID: id)
                await ws.waitForCompletion(of: id)
            }
            let records = await sim.simulator.records()
            #expect(records.map(\.outcome) == [.success, .success])
            #expect(records[1].executedNodes.count == 7)
        }
    }

    @Test func changedSeedRerunsOnlyDownstreamNodes() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for (id, seed) in [("s1", Int64(1)), ("s2", Int64(2))] {
                _ = try await sim.submit(Workflows.sd15(seed: seed), clientID: "c", promptID: id)
                await ws.waitForCompletion(of: id)
            }
            let cached = ws.messages(for: "s2").first { $0["type"] == "execution_cached" }
            #expect(cached?["data"]?["nodes"] == .array(["4", "5", "6", "7"]))
            #expect(await sim.simulator.records().last?.executedNodes == ["3", "8", "9"])
        }
    }
}
