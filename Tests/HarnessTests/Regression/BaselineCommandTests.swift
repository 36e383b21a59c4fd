import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// The demo's committed baselines hold on the simulator; the commands as a user runs them: `baseline
    /// record` writes a manifest, `baseline approve` on a folder without a run explains itself.
    @Suite struct BaselineCommandTests {
        /// What `make demo` checks first: the committed demo baselines match the default simulator.
        /// In-process and regression-only (the demo's load is covered elsewhere), to stay light on CPU.
        @Test func theDemoPassesAgainstTheCommittedBaselines() async throws {
            let simulator = ComfySimulator(configuration: SimulatorConfiguration())
            try await simulator.start()
            defer { Task { await simulator.stop() } }
            var scenario = try ScenarioLoader.load(
                path: ScenarioFixtures.root + "/scenarios/demo.yaml", serverOverride: simulator.baseURL)
            scenario.load.requests = 0
            scenario.thresholds = []
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            var options = RunOptions()
            options.outputDirectory = output
            let report = try await RunSession(scenario: scenario, options: options).run()
            #expect(report.regressionImages.map(\.verdict) == [.identical, .identical], "\(report.verdict.reasons)")
            #expect(report.regression?.freedCache == true)
            #expect(report.verdict.exitCode == 0)
        }

        @Test func recordWritesTheScenariosBaselineFolder() async throws {
            let sim = try await RegressionTestBed.start()
            defer { Task { await sim.stop() } }
            _ = try sim.scenario(seeds: [3])
            let result = try await HarnessBinary.run(["baseline", "record", sim.folder + "/scenario.yaml", "--server", sim.bed.simulator.baseURL])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("recorded 1 baseline images"))
            let manifest = try BaselineManifest.read(folder: sim.baselines)
            #expect(manifest.images(workflow: "txt2img", seed: 3).map(\.file) == ["txt2img/seed-3/0.png"])
            #expect(!(manifest.environment?.harnessArgv.contains { $0.contains("auth") } ?? true))
        }

        @Test func approveWithoutARunExplains() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nothing-\(UUID().uuidString)").path
            let result = try await HarnessBinary.run(["baseline", "approve", folder])
            #expect(result.status == 1)
            #expect(result.stderr.contains(folder + "/run.json"))
            #expect(result.stderr.contains("run.json"))
        }
    }
}
