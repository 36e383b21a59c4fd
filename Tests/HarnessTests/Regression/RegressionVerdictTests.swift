import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// Baselines recorded on one simulator, runs on another: drift, a changed patch, other seeds, another size.
    @Suite struct RegressionVerdictTests {
        /// Records seeds [42, 7] at 128² on a plain simulator, then runs `scenario` on one configured by `start`.
        func recordThenRun(
            seeds: [Int] = [42, 7], size: Int = 128, _ start: (String) async throws -> RegressionTestBed
        ) async throws -> (report: RunReport, folder: String) {
            let recorder = try await RegressionTestBed.start()
            _ = try await recorder.record(try recorder.scenario())
            await recorder.stop(keepFolder: true)
            let runner = try await start(recorder.folder)
            let report = try await runner.run(try runner.scenario(seeds: seeds, size: size))
            await runner.stop(keepFolder: true)
            return (report, recorder.folder)
        }

        @Test func driftIsEquivalentAndPasses() async throws {
            let (report, folder) = try await recordThenRun { try await RegressionTestBed.start(drift: true, folder: $0) }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(report.regressionImages.count == 2)
            #expect(report.regressionImages.allSatisfy { $0.verdict == .equivalent && !$0.fails })
            #expect(report.regression?.workflows.first?.verdict == .equivalent)
            #expect(report.verdict.exitCode == 0)
            // Not IDENTICAL, so the diff pictures are written, under harness-chosen relative names.
            let image = try #require(report.regressionImages.first)
            #expect(image.diff == "regression/diff/txt2img/seed-42/0.png")
            #expect(FileManager.default.fileExists(atPath: folder + "/report/" + (image.heatMap ?? "?")))
        }

        @Test func aWorkflowsToleranceOverridesTheScenarios() async throws {
            let recorder = try await RegressionTestBed.start()
            _ = try await recorder.record(try recorder.scenario())
            await recorder.stop(keepFolder: true)
            let runner = try await RegressionTestBed.start(drift: true, folder: recorder.folder)
            defer { Task { await runner.stop() } }
            let report = try await runner.run(try runner.scenario(tolerance: "equivalent", workflowTolerance: "identical"))
            #expect(report.regression?.workflows.first?.tolerance == .identical)
            #expect(report.regressionImages.allSatisfy { $0.verdict == .regressed && $0.fails })
            #expect(report.verdict.exitCode == 99)
        }

        @Test func aChangedPatchIsRegressedWithADiffPicture() async throws {
            let (report, folder) = try await recordThenRun {
                try await RegressionTestBed.start(regression: .patch(size: 24, x: 40, y: 40), folder: $0)
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let image = try #require(report.regressionImages.first)
            #expect(image.verdict == .regressed)
            #expect(image.composition == .sameComposition)
            #expect(image.fails)
            #expect(report.verdict.exitCode == 99)
            let diffPath = folder + "/report/" + (image.diff ?? "?")
            let diff = try PNGDecoder.decodeFile(diffPath)
            #expect(diff.width == 128 && diff.height == 128)
            #expect(diff[50, 50] == [255, 0, 0, 255])  // inside the patch: marked red
            #expect(diff[5, 5] != [255, 0, 0, 255])  // outside: faded baseline
            #expect(FileManager.default.fileExists(atPath: folder + "/report/" + (image.baseline ?? "?")))
            #expect(JUnitWriter.render(report).contains("seed 42 image 0: REGRESSED"))
        }

        @Test func anotherSeedIsMissing() async throws {
            let (report, folder) = try await recordThenRun(seeds: [42, 99]) { try await RegressionTestBed.start(folder: $0) }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let seeds = try #require(report.regression?.workflows.first?.seeds)
            #expect(seeds.map(\.seed) == [42, 99])
            #expect(seeds[0].images.map(\.verdict) == [.identical])
            #expect(seeds[1].images.map(\.verdict) == [.missing])
            #expect(report.regression?.workflows.first?.notes.contains { $0.contains("baseline seeds not in this run: 7") } == true)
            #expect(report.verdict.exitCode == 99)
        }

        @Test func anotherSizeIsLayout() async throws {
            let (report, folder) = try await recordThenRun(size: 96) { try await RegressionTestBed.start(folder: $0) }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            #expect(report.regressionImages.map(\.verdict) == [.layout, .layout])
            #expect(report.regressionImages.first?.reasons.first?.contains("128x128 in the baseline, 96x96 now") == true)
            #expect(report.regression?.workflows.first?.notes.contains { $0.contains("workflow changed") } == true)
            #expect(report.verdict.exitCode == 99)
        }

        @Test func anotherEnvironmentRelaxesToCompositionButStillFailsLayout() async throws {
            let (report, folder) = try await recordThenRun {
                try await RegressionTestBed.start(regression: .patch(size: 24, x: 40, y: 40), gpu: "NVIDIA Other GPU", folder: $0)
            }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let summary = try #require(report.regression)
            #expect(summary.acrossEnvironments)
            #expect(summary.environmentDrift.count == 1)
            #expect(summary.environmentDrift.first?.contains("NVIDIA Test GPU : cudaMallocAsync → cuda:0 NVIDIA Other GPU") == true)
            #expect(report.regressionImages.allSatisfy { $0.verdict == .regressed && $0.composition == .sameComposition })
            #expect(report.regressionImages.allSatisfy { !$0.fails })
            #expect(report.verdict.exitCode == 0)

            let (layout, other) = try await recordThenRun(size: 96) {
                try await RegressionTestBed.start(gpu: "NVIDIA Other GPU", folder: $0)
            }
            defer { try? FileManager.default.removeItem(atPath: other) }
            #expect(layout.regression?.acrossEnvironments == true)
            #expect(layout.regressionImages.allSatisfy { $0.verdict == .layout && $0.fails })
            #expect(layout.verdict.exitCode == 99)
        }
    }
}
