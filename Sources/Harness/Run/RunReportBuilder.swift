import ComfyClient
import Foundation

/// Assembles `run.json` from what the recorder and monitor saw, evaluates the thresholds and
/// decides the verdict and exit code (0 pass, 99 a threshold or regression failed, 1 when no
/// measured prompt succeeded and nothing else failed).
enum RunReportBuilder {
    static func build(
        scenario: Scenario, options: RunOptions, directory: String, startedAt: Date, duration: Double,
        recorder: RunRecorder, monitor: SystemMonitor, environment: [EnvironmentFingerprint],
        connections: [ServerConnection], stoppedEarly: Bool, samplesLines: Int,
        regression: RegressionSummary? = nil,
        idleSockets: IdleSocketSummary? = nil,
        abortedBy: [String] = []
    ) async throws -> RunReport {
        let metrics = await recorder.metrics
        let overall = GroupSummary(metrics.overall)
        let workflows = metrics.workflows.mapValues(GroupSummary.init)
        let monitorSummary = await monitor.summary()
        let thresholds = ThresholdEvaluator.evaluate(scenario.thresholds, overall: overall, workflows: workflows, monitor: monitorSummary)
        var reasons = thresholds.filter { !$0.passed }.map { $0.reason ?? $0.threshold }
        let writeErrors = await recorder.writeErrors
        if !writeErrors.isEmpty { reasons.append("\(writeErrors.count) samples could not be written") }
        if let regression { reasons += regression.failureReasons }
        // A run stopped by abort_on_fail fails even if the threshold recovered by the end.
        for crossed in abortedBy { reasons.append("aborted: \(crossed) crossed during the run (abort_on_fail)") }
        var report = RunReport(
            scenario: scenario.name, scenarioFile: scenario.sourcePath,
            startedAt: ISO8601DateFormatter().string(from: startedAt), durationSeconds: duration,
            servers: connections.map { SecretRedactor.redactURL($0.endpoint.baseURL) }, environment: environment,
            load: RunReport.LoadSettings(scenario.load), overall: overall, workflows: workflows, monitor: monitorSummary,
            timeline: await recorder.timeline.summary(), thresholds: thresholds, stoppedEarly: stoppedEarly,
            socketDisconnects: connections.map(\.router.disconnects).reduce(0, +),
            samples: .init(file: "samples.jsonl", lines: samplesLines, writeErrors: writeErrors),
            verdict: .decide(failures: reasons, overall: overall, abortedBy: abortedBy))
        report.regression = regression
        if connections.count > 1 {
            report.perServer = Dictionary(
                metrics.servers.map { (SecretRedactor.redactURL($0.key), GroupSummary($0.value)) }, uniquingKeysWith: { a, _ in a })
        }
        report.idleSockets = idleSockets
        report.scenarioDefinition = ScenarioSnapshot(scenario)
        try report.write(to: directory + "/run.json")
        try HTMLReportWriter.write(report, to: directory + "/index.html")
        try JUnitWriter.write(report, to: directory + "/junit.xml")
        return report
    }
}
