import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// The commands as a user runs them: `demo` passes against the committed baselines, `baseline
/// record` writes a manifest, `baseline approve` on a folder without a run explains itself.
@Suite struct BaselineCommandTests {
    @Test func demoPassesAgainstTheCommittedBaselines() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try await HarnessBinary.run(["demo", "--quiet", "--time-scale", "0.01", "--output", output])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("✓ [txt2img] seed 42 #0 IDENTICAL"))
        #expect(result.stdout.contains("✓ [txt2img] seed 7 #0 IDENTICAL"))
        let report = try RunReport.read(from: output + "/run.json")
        #expect(report.regression?.passed == true)
        #expect(report.regression?.freedCache == true)
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
