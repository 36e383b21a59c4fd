import Foundation
import Testing

@testable import Harness

/// `merge`: runs of one scenario from several machines become one report.
@Suite("Merging runs", .serialized)
struct ReportMergerTests {
    @Test("counts add, percentiles are those of the pooled histograms, the environment lists both")
    func mergesTwoRuns() async throws {
        let bedA = try await DriverTestBed.start(step: 0.002)
        let bedB = try await DriverTestBed.start(step: 0.006)
        defer { Task { await bedA.stop(); await bedB.stop() } }
        let (a, _) = try await bedA.run(try bedA.scenario(load: "concurrency: 2\nrequests: 6"))
        let (b, _) = try await bedB.run(try bedB.scenario(load: "concurrency: 2\nrequests: 6"))
        let output = bedA.folder + "/merged"
        let merged = try ReportMerger.merge([bedA.folder + "/report", bedB.folder + "/report"], output: output)

        #expect(merged.overall.prompts == a.overall.prompts + b.overall.prompts)
        #expect(merged.overall.outcomes["ok"] == 12)
        #expect(merged.environment.count == 2)
        #expect(merged.servers.count == 2)
        let stepA = try #require(a.overall.metrics["step_time"]), stepB = try #require(b.overall.metrics["step_time"])
        var pooled = LatencyHistogram(buckets: stepA.buckets)
        pooled.merge(LatencyHistogram(buckets: stepB.buckets))
        #expect(merged.overall.metrics["step_time"] == pooled.summary())
        #expect(merged.overall.metrics["step_time"]?.count == stepA.count + stepB.count)

        // The merged folder is itself a run folder: `report` rebuilds the same numbers from its samples.
        let rebuilt = try ReportRegenerator.rebuild(try RunFolder(locating: output))
        #expect(rebuilt.overall.prompts == merged.overall.prompts)
        #expect(rebuilt.overall.metrics["step_time"]?.count == merged.overall.metrics["step_time"]?.count)
        #expect(try await SchemaValidator.errors(validating: output + "/run.json") == nil)
    }

    @Test("runs of different scenarios are refused with a clear error")
    func refusesDifferentScenarios() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        _ = try await bed.run(try bed.scenario(load: "concurrency: 1\nrequests: 2"))
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        try FileManager.default.copyItem(atPath: bed.folder + "/report/samples.jsonl", toPath: other + "/samples.jsonl")
        var report = try RunReport.read(from: bed.folder + "/report/run.json")
        report.scenarioDefinition?.load.concurrency = 8
        try report.write(to: other + "/run.json")
        let error = #expect(throws: HarnessError.self) {
            try ReportMerger.merge([bed.folder + "/report", other], output: other + "/merged")
        }
        #expect(error?.description.contains("(load differ)") == true, "\(String(describing: error))")
        #expect(error?.description.contains(other + "/run.json") == true)
        #expect(!FileManager.default.fileExists(atPath: other + "/merged"))
    }
}
