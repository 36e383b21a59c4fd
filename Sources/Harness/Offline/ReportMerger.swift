import Foundation

/// `comfy-harness merge`: one report from runs of the same scenario on several machines. Counts
/// add, histograms merge losslessly through their buckets, the environment lists every machine,
/// samples.jsonl files are concatenated (so `report` and `compare` work on the result), and
/// thresholds are re-evaluated on the merged numbers.
public enum ReportMerger {
    public static func merge(_ paths: [String], output: String) throws -> RunReport {
        guard paths.count >= 2 else {
            throw HarnessError.usage(message: "merge needs at least two run folders", hint: "comfy-harness merge RUN_A RUN_B … --output DIR")
        }
        let folders = try paths.map(RunFolder.init(locating:))
        let reports = try folders.map { folder -> RunReport in
            guard let report = try folder.existingReport() else {
                throw HarnessError.usage(message: "\(folder.runJSONPath): missing", hint: "run `comfy-harness report \(folder.directory)` first; merge needs each run's scenario")
            }
            return report
        }
        try checkSameScenario(reports, folders)
        var merged = reports[0]
        for report in reports.dropFirst() {
            merged.overall.merge(report.overall)
            for (name, group) in report.workflows {
                if merged.workflows[name] == nil { merged.workflows[name] = group } else { merged.workflows[name]!.merge(group) }
            }
            merged.durationSeconds = max(merged.durationSeconds, report.durationSeconds)
            merged.servers += report.servers
            merged.environment += report.environment
            merged.monitor.merge(report.monitor)
            merged.timeline.merge(report.timeline)
            merged.stoppedEarly = merged.stoppedEarly || report.stoppedEarly
            merged.socketDisconnects += report.socketDisconnects
            merged.samples.lines += report.samples.lines
            merged.samples.writeErrors += report.samples.writeErrors
        }
        merged.startedAt = reports.map(\.startedAt).min() ?? merged.startedAt
        let specs = (merged.scenarioDefinition?.thresholds ?? []).compactMap { $0.spec(file: folders[0].runJSONPath) }
        merged.thresholds = ThresholdEvaluator.evaluate(specs, overall: merged.overall, workflows: merged.workflows, monitor: merged.monitor)
        var reasons = merged.thresholds.filter { !$0.passed }.map { $0.reason ?? $0.threshold }
        let aborted = reports.flatMap { $0.verdict.abortedBy ?? [] }
        reasons += aborted.map { "aborted: \($0) crossed during the run (abort_on_fail)" }
        merged.verdict = .decide(failures: reasons, overall: merged.overall, abortedBy: aborted)
        merged.notes = ["merged from \(folders.map(\.directory).joined(separator: ", "))"]

        try RunDirectory.create(output)
        try concatenate(folders.map(\.samplesPath), to: output + "/samples.jsonl")
        try concatenate(folders.map(\.systemStatsPath), to: output + "/system_stats.jsonl")
        try merged.write(to: output + "/run.json")
        try HTMLReportWriter.write(merged, to: output + "/index.html")
        try JUnitWriter.write(merged, to: output + "/junit.xml")
        return merged
    }

    /// Same name, workflows, load and thresholds; the servers and the scenario file's path may differ.
    static func checkSameScenario(_ reports: [RunReport], _ folders: [RunFolder]) throws {
        func parts(_ report: RunReport) -> [(String, String)] {
            let definition = report.scenarioDefinition
            return [
                ("name", report.scenario),
                ("workflows", definition.map { $0.workflows.map { "\($0.name):\($0.weight):\($0.seed)" }.joined(separator: ",") } ?? ""),
                ("load", definition.map { "\($0.load)" } ?? ""),
                ("thresholds", definition.map { $0.thresholds.map { "\($0.key)\($0.comparison)\($0.value)" }.joined(separator: ",") } ?? ""),
            ]
        }
        let first = parts(reports[0])
        for (report, folder) in zip(reports, folders).dropFirst() {
            let differing = zip(first, parts(report)).filter { $0.0.1 != $0.1.1 }.map(\.0.0)
            guard differing.isEmpty else {
                throw HarnessError.usage(
                    message: "\(folder.runJSONPath): a different scenario from \(folders[0].runJSONPath) (\(differing.joined(separator: ", ")) differ)",
                    hint: "merge only runs of the same scenario; use `comfy-harness compare` for different ones")
            }
        }
    }

    private static func concatenate(_ paths: [String], to output: String) throws {
        var data = Data()
        for path in paths {
            guard var part = FileManager.default.contents(atPath: path) else { continue }
            if let last = part.last, last != 0x0A { part.append(0x0A) }
            data.append(part)
        }
        do {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw HarnessError.io(path: output, reason: "cannot write: \(error)", hint: "check that the folder is writable")
        }
    }
}
