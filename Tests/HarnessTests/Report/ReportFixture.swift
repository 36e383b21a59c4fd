import ComfyClient
import Foundation

@testable import Harness

/// A fixed, constructed run for report tests: deterministic numbers, one failed threshold, and a
/// hostile server string in an error message, a node type and an output filename.
enum ReportFixture {
    static let payload = "</script><img src=x onerror=alert(1)>"
    static let bold = "<b>bold</b>"

    /// Records with known timings: 30 ok prompts, 2 execution errors carrying the payload.
    static func records() -> [PromptRecord] {
        (0..<32).map { index in
            var record = PromptRecord(
                promptID: "p\(index)", sequence: index, workflow: index % 2 == 0 ? "txt2img" : "hires", seed: index,
                server: "http://127.0.0.1:8188", scheduledAt: Double(index) * 0.5)
            record.sentAt = record.scheduledAt
            record.acceptedAt = record.scheduledAt + 0.01
            record.createTimeMs = 1_700_000_000_000 + Int64(index) * 500
            record.executionStartMs = record.createTimeMs! + Int64(100 + index * 10)
            record.terminalMs = record.executionStartMs! + 800
            let start = record.scheduledAt + 0.1 + Double(index) * 0.01
            let steps = (0..<5).map { start + Double($0) * (0.1 + Double(index % 3) * 0.01) }
            record.phases = [PromptRecord.NodePhase(node: "3", classType: "KSampler", startedAt: start, seconds: 0.6, steps: steps)]
            if index >= 30 {
                record.outcome = .execution
                record.failure = .init(message: "bad value \(payload) \(bold)", node: "9", nodeType: "Save\(bold)", exceptionType: "ValueError")
                record.finishedAt = start + 0.8
            } else {
                record.outcome = .ok
                record.finishedAt = start + 0.8
                record.downloadedAt = start + 0.85
                record.outputs = [OutputFile(filename: "out\(payload)\(index).png")]
            }
            return record
        }
    }

    static let thresholds = [
        ThresholdSpec(metric: "errors", statistic: "rate", comparison: .lessThan, value: 0.01, text: "< 1%", location: .start(of: "fixture.yaml")),
        ThresholdSpec(metric: "queue_wait", statistic: "p95", comparison: .lessThan, value: 30, abortOnFail: true, text: "< 30s", location: .start(of: "fixture.yaml")),
    ]

    /// The report, built through the same accumulator and evaluator a live run uses.
    static func report() -> RunReport {
        var metrics = MetricsAccumulator()
        var timeline = RunTimeline()
        for record in records() {
            metrics.add(record)
            timeline.add(record)
        }
        let overall = GroupSummary(metrics.overall)
        let workflows = metrics.workflows.mapValues(GroupSummary.init)
        let samples = (0..<20).map { index in
            SystemMonitor.Sample(
                t: Double(index), server: "http://127.0.0.1:8188", vramUsed: Int64(4 + index % 5) << 30, vramTotal: 24 << 30,
                torchReserved: Int64(3 + index % 4) << 30, ramUsed: 8 << 30, queueRemaining: index % 6)
        }
        let monitor = MonitorSummary(samples: samples, failures: 0, points: 500)
        let results = ThresholdEvaluator.evaluate(thresholds, overall: overall, workflows: workflows, monitor: monitor)
        var environment = EnvironmentFingerprint(server: "http://127.0.0.1:8188", stats: nil, tlsVerification: true)
        environment.gpu = "cuda:0 NVIDIA Test \(bold)"
        environment.comfyUIVersion = "0.8.0"
        environment.harnessVersion = "0.0.0-test"
        environment.harnessArgv = ["comfy-harness", "run", "fixture.yaml"]
        let reasons = results.filter { !$0.passed }.map { $0.reason ?? $0.threshold }
        var report = RunReport(
            scenario: "fixture", scenarioFile: "fixture.yaml", startedAt: "2026-01-01T00:00:00Z", durationSeconds: 17,
            servers: ["http://127.0.0.1:8188"], environment: [environment],
            load: .init(mode: "closed", concurrency: 2, ratePerSecond: nil, arrival: nil, maxInFlight: nil, stages: 1,
                requests: 32, durationSeconds: nil, warmup: 0, timeoutSeconds: 600),
            overall: overall, workflows: workflows, monitor: monitor, timeline: timeline.summary(), thresholds: results,
            stoppedEarly: false, socketDisconnects: 0, samples: .init(file: "samples.jsonl", lines: 32, writeErrors: []),
            verdict: .init(passed: reasons.isEmpty, exitCode: reasons.isEmpty ? 0 : 99, reasons: reasons))
        report.scenarioDefinition = nil
        return report
    }

    /// A temporary folder holding the fixture's samples.jsonl (and run.json when `withRunJSON`).
    static func folder(withRunJSON: Bool) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let lines = try records().map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: folder + "/samples.jsonl", atomically: true, encoding: .utf8)
        if withRunJSON { try report().write(to: folder + "/run.json") }
        return folder
    }
}
