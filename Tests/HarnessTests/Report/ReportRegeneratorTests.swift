import Foundation
import Testing

@testable import Harness

/// `comfy-harness report`: run.json, index.html and junit.xml rebuilt from the run folder's files.
@Suite("Report regeneration")
struct ReportRegeneratorTests {
    @Test("a simulator run's folder regenerates an equivalent run.json")
    func regeneratesEquivalent() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        // A threshold that fails whatever the machine's speed: every prompt takes its sampler steps of
        // simulated GPU time, while step_time (between two progress events as they arrive) can fall
        // under 1 ms when a loaded machine (a sanitizer run) delivers the events in bursts.
        let scenario = try bed.scenario(load: "concurrency: 2\nrequests: 8\nwarmup: 1", extra: "thresholds:\n  latency.p50: < 1ms")
        let (original, _) = try await bed.run(scenario)
        try FileManager.default.removeItem(atPath: bed.folder + "/report/index.html")
        let rebuilt = try ReportRegenerator.regenerate(bed.folder + "/report")
        #expect(rebuilt.overall == original.overall)
        #expect(rebuilt.workflows == original.workflows)
        #expect(rebuilt.monitor == original.monitor)
        #expect(rebuilt.thresholds == original.thresholds)
        #expect(rebuilt.verdict == original.verdict)
        #expect(rebuilt.verdict.exitCode == 99)
        #expect(rebuilt.scenarioDefinition == original.scenarioDefinition)
        #expect(rebuilt.notes == nil)
        #expect(try RunReport.read(from: bed.folder + "/report/run.json").overall == original.overall)
        #expect(FileManager.default.fileExists(atPath: bed.folder + "/report/index.html"))
    }

    @Test("a bare samples.jsonl gives the metrics and says what is missing")
    func samplesOnly() throws {
        let folder = try ReportFixture.folder(withRunJSON: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = try ReportRegenerator.regenerate(folder + "/samples.jsonl")
        #expect(report.overall == ReportFixture.report().overall)
        #expect(report.notes?.contains { $0.contains("no run.json") } == true)
        #expect(report.notes?.contains { $0.contains("system_stats") } == true)
        #expect(report.thresholds.isEmpty)
        #expect(report.scenarioDefinition == nil)
    }

    @Test("a torn last line is skipped and counted")
    func tornLine() throws {
        let folder = try ReportFixture.folder(withRunJSON: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let handle = try #require(FileHandle(forWritingAtPath: folder + "/samples.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"promptID\":\"torn".utf8))
        try handle.close()
        let report = try ReportRegenerator.regenerate(folder)
        #expect(report.overall.prompts == 32)
        #expect(report.notes?.contains { $0.contains("1 of 33 lines") } == true)
    }

    @Test("bad input is a clear error naming the file, never a crash")
    func badInput() throws {
        let folder = try ReportFixture.folder(withRunJSON: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "{not json".write(toFile: folder + "/run.json", atomically: true, encoding: .utf8)
        let corrupt = #expect(throws: HarnessError.self) { try ReportRegenerator.regenerate(folder) }
        #expect(corrupt?.description.contains(folder + "/run.json") == true)
        #expect(corrupt?.description.contains("corrupt run.json") == true)

        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let notRun = #expect(throws: HarnessError.self) { try ReportRegenerator.regenerate(empty) }
        #expect(notRun?.description.contains("not a run folder") == true)
        let missing = #expect(throws: HarnessError.self) { try ReportRegenerator.regenerate(empty + "/nope") }
        #expect(missing?.description.contains("no such file") == true)
    }
}
