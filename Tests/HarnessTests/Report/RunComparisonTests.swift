import ComfyImage
import Foundation
import Testing

@testable import Harness

/// `compare` on real simulator runs: a 2× slower sampler is flagged, a rerun of the same profile is not.
@Suite("Comparing runs", .serialized)
struct RunComparisonTests {
    /// One run of 6 prompts × 10 sampler steps on a simulated GPU with a fixed step time (`withFixedStep`);
    /// steps of 50 ms and more keep scheduling jitter of a busy 2-core machine a few percent of the signal.
    static func run(step: Double) async throws -> (bed: DriverTestBed, folder: String) {
        let bed = try await DriverTestBed.start(step: step)
        let scenario = try bed.scenario(load: "concurrency: 1\nrequests: 6", workflow: DriverTestBed.workflow(steps: 10))
        _ = try await bed.run(scenario)
        return (bed, bed.folder + "/report")
    }

    @Test("a 2× slower step_time is flagged, with a tiny p-value, and written to compare.html")
    func flagsSlowerSampler() async throws {
        // Both runs at once, so whatever else loads the machine slows both alike.
        async let first = Self.run(step: 0.05)
        async let second = Self.run(step: 0.1)
        let ((bedA, a), (bedB, b)) = try await (first, second)
        defer { Task { await bedA.stop(); await bedB.stop() } }
        let comparison = try RunComparator.compare(a, b)
        let step = try #require(comparison.metrics.first { $0.metric == "step_time" })
        #expect(step.flagged, "\(CompareTable.render(comparison))")
        #expect((step.ratio ?? 0) > 1.25 && (step.ratio ?? 0) < 2.6)
        #expect((step.test?.pValue ?? 1) < 0.01)
        #expect(comparison.findings.contains { $0.hasPrefix("step_time slower") })
        let html = try CompareHTMLWriter.render(comparison)
        #expect(html.contains("\"metric\":\"step_time\""))
        #expect(!html.contains("/*COMFY_HARNESS_DATA*/"))
    }

    @Test("two runs of the same profile flag nothing")
    func sameProfileNotFlagged() async throws {
        async let first = Self.run(step: 0.05)
        async let second = Self.run(step: 0.05)
        let ((bedA, a), (bedB, b)) = try await (first, second)
        defer { Task { await bedA.stop(); await bedB.stop() } }
        let comparison = try RunComparator.compare(a, b)
        #expect(comparison.metrics.filter(\.flagged).isEmpty, "\(CompareTable.render(comparison))")
        #expect(comparison.environment.allSatisfy { $0.field == "server argv" }, "only the simulator's port differs")
    }

    @Test("output images are compared by pixels: a changed one is reported, an identical one is not")
    func images() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for side in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(side)/outputs", withIntermediateDirectories: true)
            try ReportFixture.records().prefix(2).map { record in
                let encoder = JSONEncoder()
                return String(decoding: try encoder.encode(record), as: UTF8.self)
            }.joined(separator: "\n").write(toFile: "\(root)/\(side)/samples.jsonl", atomically: true, encoding: .utf8)
            let same = RGBAImage(width: 8, height: 8, pixels: [UInt8](repeating: 200, count: 256))
            try Data(try PNGEncoder.encode(same)).write(to: URL(fileURLWithPath: "\(root)/\(side)/outputs/same.png"))
            var pixels = [UInt8](repeating: 200, count: 256)
            if side == "b" { pixels[0] = 0 }
            try Data(try PNGEncoder.encode(RGBAImage(width: 8, height: 8, pixels: pixels))).write(to: URL(fileURLWithPath: "\(root)/\(side)/outputs/changed.png"))
        }
        let comparison = try RunComparator.compare(root + "/a", root + "/b")
        #expect(comparison.images.first { $0.path == "outputs/same.png" }?.status == "identical")
        #expect(comparison.images.first { $0.path == "outputs/changed.png" }?.status == "different")
        #expect(comparison.findings == ["image outputs/changed.png: different"])
    }
}
