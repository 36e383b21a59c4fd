import Testing

@testable import ComfySimulator

/// With timeScale 0 nothing sleeps: many prompt lifecycles complete, in FIFO order, with consistent records.
@Suite struct ThroughputTests {
    @Test func manyPromptsCompleteInOrder() async throws {
        let count = 400
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("bench")
            defer { Task { await ws.close() } }
            let clock = ContinuousClock()
            let started = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for i in stride(from: worker, to: count, by: 8) {
                            let reply = try await sim.submit(
                                Workflows.modelFree(seed: Int64(i), width: 16, height: 16), clientID: "bench",
                                promptID: "b\(i)")
                            #expect(reply.status == 200)
                        }
                    }
                }
                try await group.waitForAll()
            }
            await ws.waitUntil {
                $0.filter { $0["type"] == "executing" && $0["data"]?["node"] == .null }.count == count
            }
            let elapsed = clock.now - started
            let records = await sim.simulator.records()
            #expect(records.count == count)
            #expect(records.allSatisfy { $0.outcome == .success && $0.historyWritten })
            let byNumber = records.sorted { $0.number < $1.number }
            for (previous, next) in zip(byNumber, byNumber.dropFirst()) {
                #expect(try #require(next.startTimeMs) >= (try #require(previous.endTimeMs)))
            }
            print("simulator: \(count) prompt lifecycles in \(elapsed) (debug build)")
        }
    }
}
