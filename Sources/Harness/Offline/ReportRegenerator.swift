import Foundation

/// `comfy-harness report`: rebuilds run.json, index.html and junit.xml from a run folder's files
/// alone. Metrics, timelines and the monitor come from samples.jsonl and system_stats.jsonl; the
/// scenario, environment and thresholds from the existing run.json when there is one.
public enum ReportRegenerator {
    /// Rebuilds the report of the run at `path` (a folder or its samples.jsonl) without writing it.
    public static func rebuild(_ folder: RunFolder) throws -> RunReport {
        let previous = try folder.existingReport()
        let scan = try SamplesScan(path: folder.samplesPath)
        var notes: [String] = []
        if scan.skipped > 0 {
            notes.append("\(scan.skipped) of \(scan.lines) lines of samples.jsonl did not decode and were skipped")
        }
        let overall = GroupSummary(scan.metrics.overall)
        let workflows = scan.metrics.workflows.mapValues(GroupSummary.init)
        let stats = folder.systemStats()
        let monitor = MonitorSummary(samples: stats, failures: previous?.monitor.failures ?? 0, points: 500)
        if stats.isEmpty { notes.append("no system_stats.jsonl samples: VRAM and server queue are unknown") }

        let definitions = previous?.scenarioDefinition?.thresholds
        let specs = (definitions ?? []).compactMap { $0.spec(file: folder.runJSONPath) }
        let thresholds = ThresholdEvaluator.evaluate(specs, overall: overall, workflows: workflows, monitor: monitor)
        if previous == nil {
            notes.append("no run.json: scenario, load settings, environment and thresholds are unknown")
        } else if definitions == nil && !(previous?.thresholds.isEmpty ?? true) {
            notes.append("run.json predates threshold definitions: its threshold results are kept, not re-evaluated")
        }
        var reasons = thresholds.filter { !$0.passed }.map { $0.reason ?? $0.threshold }
        let abortedBy = previous?.verdict.abortedBy ?? []
        for crossed in abortedBy { reasons.append("aborted: \(crossed) crossed during the run (abort_on_fail)") }
        let writeErrors = previous?.samples.writeErrors ?? []
        if !writeErrors.isEmpty { reasons.append("\(writeErrors.count) samples could not be written") }
        let keptResults = definitions == nil ? previous?.thresholds ?? [] : thresholds
        if definitions == nil { reasons += keptResults.filter { !$0.passed }.map { $0.reason ?? $0.threshold } }

        var report = RunReport(
            scenario: previous?.scenario ?? URL(fileURLWithPath: folder.directory).lastPathComponent,
            scenarioFile: previous?.scenarioFile ?? "", startedAt: previous?.startedAt ?? "",
            durationSeconds: previous?.durationSeconds ?? scan.lastTime,
            servers: previous?.servers ?? scan.servers.sorted().map(SecretRedactor.redactURL),
            environment: previous?.environment ?? [], load: previous?.load ?? .unknown,
            overall: overall, workflows: workflows, monitor: monitor, timeline: scan.timeline.summary(),
            thresholds: keptResults, stoppedEarly: previous?.stoppedEarly ?? false,
            socketDisconnects: previous?.socketDisconnects ?? 0,
            samples: .init(file: "samples.jsonl", lines: scan.lines - scan.skipped, writeErrors: writeErrors),
            verdict: .decide(failures: reasons, overall: overall, abortedBy: abortedBy))
        report.scenarioDefinition = previous?.scenarioDefinition
        report.notes = notes.isEmpty ? nil : notes
        return report
    }

    /// Rebuilds and writes run.json, index.html and junit.xml into `output` (the run folder by default).
    @discardableResult
    public static func regenerate(_ path: String, output: String? = nil) throws -> RunReport {
        let folder = try RunFolder(locating: path)
        let report = try rebuild(folder)
        let directory = output ?? folder.directory
        try RunDirectory.create(directory)
        try report.write(to: directory + "/run.json")
        try HTMLReportWriter.write(report, to: directory + "/index.html")
        try JUnitWriter.write(report, to: directory + "/junit.xml")
        return report
    }
}

extension RunReport.LoadSettings {
    /// Load settings for a report rebuilt without its run.json: nothing is known.
    static let unknown = RunReport.LoadSettings(
        mode: "unknown", concurrency: nil, ratePerSecond: nil, arrival: nil, maxInFlight: nil, stages: 0,
        requests: nil, durationSeconds: nil, warmup: 0, timeoutSeconds: 0)
}
