import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// Ctrl-C during the regression pass: the running prompt finishes, the rest are not sent, no load follows.
    @Suite struct RegressionStopTests {
        @Test func aStopDuringThePassSkipsTheRestAndTheLoad() async throws {
            let sim = try await RegressionTestBed.start(step: 0.05)
            defer { Task { await sim.stop() } }
            let scenario = try sim.scenario(seeds: [1, 2, 3])
            _ = try await sim.record(scenario)
            let loaded = try sim.scenario(seeds: [1, 2, 3], requests: 5)
            let simulator = sim.bed.simulator
            let recorded = await simulator.records().count
            let (report, records) = try await sim.bed.run(loaded) { session in
                // Stop once the pass's first prompt is on the server (a condition, not a timer).
                while await simulator.records().count <= recorded {
                    try? await Task.sleep(for: .milliseconds(5))
                }
                session.requestStop()
            }
            let seeds = try #require(report.regression?.workflows.first?.seeds)
            #expect(seeds.count == 3)
            #expect(seeds.last?.outcome == .cancelled)
            #expect(seeds.last?.images.map(\.verdict) == [.missing])
            #expect(records.isEmpty)  // no load prompt was sent
            #expect(report.verdict.exitCode == 99)
        }
    }
}
