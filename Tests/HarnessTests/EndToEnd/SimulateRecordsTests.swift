import ComfyClient
import Foundation
import Testing

@testable import Harness

/// `comfy-harness simulate --records-out`: the simulator's ground truth, written on SIGTERM, for
/// benchmarks that check the harness's measurements from outside the process (`make bench`).
@Suite("simulate --records-out", .serialized)
struct SimulateRecordsTests {
    @Test("SIGTERM writes one JSON line per prompt, and the harness's queue_wait equals the simulator's")
    func recordsMatchTheHarness() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let recordsPath = folder + "/records.jsonl"
        let simulator = try RunningHarness([
            "simulate", "--port", "0", "--time-scale", "0.002", "--cache-none", "--records-out", recordsPath,
        ])
        let banner = await simulator.firstStdoutLine()
        let url = try #require(banner.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init), "banner: \(banner)")

        try DriverTestBed.workflow().write(toFile: folder + "/wf.api.json", atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            server: \(url)
            workflows:
              txt2img: {file: wf.api.json}
            load: {mode: closed, concurrency: 4, requests: 12, timeout: 60s}
            monitor: {interval: 1s}
            """
        try yaml.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        var options = RunOptions()
        options.outputDirectory = folder + "/report"
        _ = try await RunSession(scenario: try ScenarioLoader.load(path: folder + "/scenario.yaml"), options: options).run()

        simulator.signal(SIGTERM)
        let result = try await simulator.wait()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("wrote"))

        let (samples, _) = try SamplesWriter.read(path: folder + "/report/samples.jsonl")
        let lines = try String(contentsOfFile: recordsPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == samples.count)
        var truth: [String: JSONValue] = [:]
        for line in lines {
            let record = try JSONValue.parse(Data(line.utf8))
            truth[try #require(record["promptID"]?.stringValue)] = record
        }
        #expect(samples.count == 12)
        for sample in samples {
            let record = try #require(truth[sample.promptID], "no simulator record for \(sample.promptID)")
            #expect(record["outcome"]?.stringValue == "success")
            let wait = try #require(record["queueWaitMs"]?.intValue)
            #expect(record["startTimeMs"]?.intValue.map(Int64.init) == sample.executionStartMs)
            #expect(sample.queueWaitSeconds.map { Int(($0 * 1000).rounded()) } == wait)
        }
    }

    @Test("a --records-out path that cannot be created fails before serving, naming the path")
    func unwritablePath() async throws {
        let result = try await HarnessBinary.run(
            ["simulate", "--port", "0", "--records-out", "/nonexistent-folder/records.jsonl"], timeout: 30)
        #expect(result.status == 64)
        #expect(result.stderr.contains("/nonexistent-folder/records.jsonl"))
    }
}
