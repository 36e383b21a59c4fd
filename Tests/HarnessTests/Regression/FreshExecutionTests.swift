import ComfyImage
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// ComfyUI answers an identical prompt from its cache: the regression pass must force fresh
    /// execution (POST /free) and must never count a fully cached result as a pass.
    @Suite struct FreshExecutionTests {
        @Test func aRunAfterAnIdenticalRunStillExecutes() async throws {
            let sim = try await RegressionTestBed.start()
            defer { Task { await sim.stop() } }
            let scenario = try sim.scenario(seeds: [42])
            _ = try await sim.record(scenario)  // the simulator's classic cache now holds this exact prompt
            let report = try await sim.run(scenario)
            let seed = try #require(report.regression?.workflows.first?.seeds.first)
            #expect(seed.outcome == .ok)
            #expect(!seed.cached)
            #expect(report.regression?.freedCache == true)
            #expect(report.regressionImages.map(\.verdict) == [.identical])
            #expect(report.verdict.exitCode == 0)
        }

        @Test func withoutFreeACachedResultIsFlaggedAndFails() async throws {
            // cache_none claims the server runs --cache-none, so no /free is sent; this one caches.
            let sim = try await RegressionTestBed.start()
            defer { Task { await sim.stop() } }
            let scenario = try sim.scenario(seeds: [42], cacheNone: true)
            _ = try await sim.record(scenario)
            let report = try await sim.run(scenario)
            let seed = try #require(report.regression?.workflows.first?.seeds.first)
            #expect(seed.cached)
            #expect(seed.outcome == .cached)
            #expect(report.regressionImages.map(\.verdict) == [.missing])
            #expect(report.regressionImages.allSatisfy { $0.fails })
            #expect(report.verdict.exitCode == 99)
            #expect(report.verdict.reasons.contains { $0.contains("served entirely from the server's cache") })
        }

        @Test func aServerRunningCacheNoneNeedsNoFree() async throws {
            let sim = try await RegressionTestBed.start(cacheNone: true)
            defer { Task { await sim.stop() } }
            let scenario = try sim.scenario(seeds: [42], cacheNone: true)
            _ = try await sim.record(scenario)
            let report = try await sim.run(scenario)
            #expect(report.regression?.freedCache == false)
            #expect(report.regressionImages.map(\.verdict) == [.identical])
            #expect(report.verdict.exitCode == 0)
        }
    }
}
