import Foundation
import Testing

@testable import Harness

/// Thresholds, abort_on_fail and the offline report commands on the built binary.
@Suite("Report commands, end to end", .serialized)
struct ReportCommandsTests {
    @Test("a crossed threshold exits 99 and fails junit.xml")
    func crossedThresholdExits99() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(load: "concurrency: 2\nrequests: 6", extra: "thresholds:\n  step_time.p50: < 1us")
        let output = bed.folder + "/out"
        let result = try await HarnessBinary.run(["run", bed.folder + "/scenario.yaml", "--output", output, "--quiet"])
        #expect(result.status == 99, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("FAIL (exit 99)"))
        let junit = try #require(JUnitStructure.parse(try String(contentsOfFile: output + "/junit.xml", encoding: .utf8)))
        #expect(junit.failed.contains("threshold step_time.p50 < 1us"))

        // `report` re-evaluates the recorded threshold definitions offline and exits the same way.
        try FileManager.default.removeItem(atPath: output + "/junit.xml")
        let regenerated = try await HarnessBinary.run(["report", output])
        #expect(regenerated.status == 99, "stderr: \(regenerated.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/junit.xml"))
    }

    @Test("abort_on_fail stops the run early, records it in the verdict and exits 99")
    func abortOnFail() async throws {
        let bed = try await DriverTestBed.start(step: 0.02)
        defer { Task { await bed.stop() } }
        _ = try bed.scenario(
            load: "concurrency: 1\nrequests: 400\ntimeout: 60s",
            extra: "thresholds:\n  step_time.p50: {threshold: \"< 1ms\", abort_on_fail: true}")
        let output = bed.folder + "/out"
        let result = try await HarnessBinary.run(["run", bed.folder + "/scenario.yaml", "--output", output, "--quiet"])
        #expect(result.status == 99, "stderr: \(result.stderr)")
        let report = try RunReport.read(from: output + "/run.json")
        #expect(report.stoppedEarly)
        #expect(report.verdict.abortedBy?.count == 1)
        #expect(report.verdict.abortedBy?.first?.hasPrefix("step_time.p50 < 1ms (") == true)
        #expect(report.verdict.reasons.contains { $0.hasPrefix("aborted: step_time.p50 < 1ms") })
        #expect(report.overall.prompts < 400)
    }

    @Test("report, compare and merge reject bad input with a named file and exit 64")
    func badInput() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        for arguments in [["report", empty], ["compare", empty, empty], ["merge", empty, empty, "--output", empty + "/m"]] {
            let result = try await HarnessBinary.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("\(empty): not a run folder"), "\(arguments): \(result.stderr)")
        }
    }
}
