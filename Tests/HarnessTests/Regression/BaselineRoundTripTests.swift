import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// record → run → approve → run: what a user does after an intended model change.
    @Suite struct BaselineRoundTripTests {
        @Test func recordRunApproveRun() async throws {
            let first = try await RegressionTestBed.start()
            let manifest = try await first.record(try first.scenario())
            await first.stop(keepFolder: true)
            defer { try? FileManager.default.removeItem(atPath: first.folder) }
            #expect(manifest.workflows["txt2img"]?.seeds == [42, 7])
            #expect(manifest.workflows["txt2img"]?.images.map(\.file) == ["txt2img/seed-7/0.png", "txt2img/seed-42/0.png"])
            #expect(manifest.environment?.gpu?.contains("NVIDIA Test GPU") == true)
            let onDisk = try BaselineManifest.read(folder: first.baselines)
            #expect(onDisk == manifest)

            let changed = try await RegressionTestBed.start(regression: .patch(size: 24, x: 40, y: 40), folder: first.folder)
            let scenario = try changed.scenario()
            let failing = try await changed.run(scenario)
            #expect(failing.verdict.exitCode == 99)

            let approved = try BaselineApprover.approve(reportDirectory: changed.reportDirectory)
            #expect(approved.images == 2)
            #expect(approved.folder == first.baselines)
            let image = try #require(approved.manifest.images(workflow: "txt2img", seed: 42).first)
            #expect(image.verdictAtAcceptance == .regressed)
            #expect(image.metricsAtAcceptance?.changedRegions.isEmpty == false)
            #expect(image.digest != manifest.images(workflow: "txt2img", seed: 42).first?.digest)

            let passing = try await changed.run(scenario)
            await changed.stop(keepFolder: true)
            #expect(passing.regressionImages.map(\.verdict) == [.identical, .identical])
            #expect(passing.verdict.exitCode == 0)
            // IDENTICAL images get no diff pictures.
            #expect(passing.regressionImages.allSatisfy { $0.diff == nil && $0.heatMap == nil })
            #expect(!FileManager.default.fileExists(atPath: changed.reportDirectory + "/regression/diff"))
        }

        @Test func approveRefusesARunWithoutRegression() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("approve-\(UUID().uuidString)").path
            #expect(throws: HarnessError.self) { try BaselineApprover.approve(reportDirectory: folder) }
        }
    }
}
