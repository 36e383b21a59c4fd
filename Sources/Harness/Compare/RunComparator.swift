import Foundation

/// Builds a `RunComparison` from two run folders: percentiles from each run's histograms, the
/// significance test from the per-sample values in each samples.jsonl.
public enum RunComparator {
    /// Metrics in the order a GPU operator reads them; node phases follow.
    static let order = ["step_time", "queue_wait", "exec", "latency", "first_step", "submit", "download"]
    /// Changes of the median below 2 ms are not flagged: server timestamps tick in milliseconds.
    static let minDelta = 0.002

    /// - Parameters:
    ///   - alpha: the test's significance level (a change is noise when p ≥ alpha).
    ///   - minChange: the smallest relative change of the median worth flagging (0.05 = 5%).
    public static func compare(_ pathA: String, _ pathB: String, alpha: Double = 0.01, minChange: Double = 0.05) throws -> RunComparison {
        let folderA = try RunFolder(locating: pathA), folderB = try RunFolder(locating: pathB)
        let reportA = try ReportRegenerator.rebuild(folderA), reportB = try ReportRegenerator.rebuild(folderB)
        let valuesA = try SamplesScan(path: folderA.samplesPath, keepValues: true).values
        let valuesB = try SamplesScan(path: folderB.samplesPath, keepValues: true).values
        var notes: [String] = []
        if reportA.scenario != reportB.scenario {
            notes.append("different scenarios: '\(reportA.scenario)' vs '\(reportB.scenario)'")
        }
        let names = Set(reportA.overall.metrics.keys).union(reportB.overall.metrics.keys)
        let ordered = order.filter(names.contains) + names.filter { !order.contains($0) }.sorted()
        let rows = ordered.map { name in
            row(name, reportA.overall.metrics[name], reportB.overall.metrics[name], valuesA[name], valuesB[name], alpha: alpha, minChange: minChange)
        }
        return RunComparison(
            a: side(folderA, reportA), b: side(folderB, reportB), alpha: alpha, minChange: minChange, metrics: rows,
            environment: EnvironmentDiff.differences(reportA.environment, reportB.environment),
            images: ImageSetComparator.compare(folderA.directory, folderB.directory), notes: notes)
    }

    static func row(
        _ name: String, _ a: MetricSummary?, _ b: MetricSummary?, _ valuesA: [Double]?, _ valuesB: [Double]?,
        alpha: Double, minChange: Double
    ) -> RunComparison.MetricRow {
        var row = RunComparison.MetricRow(
            metric: name, countA: a?.count ?? 0, countB: b?.count ?? 0, p50A: a?.p50, p50B: b?.p50, p95A: a?.p95, p95B: b?.p95,
            p99A: a?.p99, p99B: b?.p99, flagged: false)
        if let a, let b {
            row.delta = b.p50 - a.p50
            row.ratio = a.p50 > 0 ? b.p50 / a.p50 : nil
        }
        if let valuesA, let valuesB {
            let test = MannWhitneyTest(valuesA, valuesB)
            row.test = test
            // Significance alone flags trivial shifts once samples number in thousands; require a size too.
            row.flagged = test.pValue < alpha && abs((row.ratio ?? 1) - 1) >= minChange && abs(row.delta ?? 0) >= minDelta
        }
        return row
    }

    static func side(_ folder: RunFolder, _ report: RunReport) -> RunComparison.Side {
        .init(
            directory: folder.directory, scenario: report.scenario, startedAt: report.startedAt,
            prompts: report.overall.prompts, errors: report.overall.errors,
            promptsPerMinute: report.overall.promptsPerMinute, vramUsedPeak: report.monitor.vramUsedPeak)
    }
}
