import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// Bad baselines give an error naming the file and what to do; they never crash the run.
    @Suite struct BaselineErrorTests {
        @Test func aMissingBaselineFolderStopsTheRunBeforeAnyLoad() async throws {
            let sim = try await RegressionTestBed.start()
            defer { Task { await sim.stop() } }
            let error = await #expect(throws: HarnessError.self) { try await sim.run(try sim.scenario()) }
            let text = error.map(String.init(describing:)) ?? ""
            #expect(text.contains(sim.baselines))
            #expect(text.contains("baseline record"))
            #expect(await sim.bed.simulator.records().isEmpty)
        }

        @Test func aManifestOfAnotherVersionIsRefused() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try #"{"version": 7, "scenario": "x", "updatedAt": "", "workflows": {}}"#.write(
                toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
            let error = #expect(throws: HarnessError.self) { try BaselineManifest.read(folder: folder) }
            let text = error.map(String.init(describing:)) ?? ""
            #expect(text.contains(folder + "/manifest.json"))
            #expect(text.contains("manifest version 7"))
            try "not json".write(toFile: folder + "/manifest.json", atomically: true, encoding: .utf8)
            #expect(throws: HarnessError.self) { try BaselineManifest.read(folder: folder) }
        }

        @Test func aCorruptBaselinePNGIsReportedNotFatal() async throws {
            let sim = try await RegressionTestBed.start()
            defer { Task { await sim.stop() } }
            let scenario = try sim.scenario(seeds: [42])
            _ = try await sim.record(scenario)
            let png = sim.baselines + "/txt2img/seed-42/0.png"
            var bytes = try #require(FileManager.default.contents(atPath: png))
            bytes.replaceSubrange(60..<bytes.count, with: [UInt8](repeating: 0xAB, count: bytes.count - 60))
            try bytes.write(to: URL(fileURLWithPath: png))
            let report = try await sim.run(scenario)
            let image = try #require(report.regressionImages.first)
            #expect(image.verdict == .missing)
            #expect(image.fails)
            #expect(image.reasons.first?.contains(png) == true)
            #expect(image.reasons.first?.contains("record the baselines again") == true)
            #expect(report.verdict.exitCode == 99)
        }

        @Test func requestsZeroNeedsARegressionSection() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rz-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try "{}".write(toFile: folder + "/wf.api.json", atomically: true, encoding: .utf8)
            try """
                version: 1
                workflows: {a: {file: wf.api.json}}
                load: {requests: 0}
                """.write(toFile: folder + "/s.yaml", atomically: true, encoding: .utf8)
            let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: folder + "/s.yaml") }
            #expect(String(describing: error).contains("requests: 0"))
        }
    }
}
