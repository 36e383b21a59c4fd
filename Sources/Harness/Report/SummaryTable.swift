import Foundation

/// The end-of-run summary for a terminal: the metrics table per workflow, outcomes, throughput,
/// VRAM, thresholds and the verdict, then where the report folder is.
public enum SummaryTable {
    /// Metrics in the order a GPU operator reads them.
    static let metricOrder = ["latency", "queue_wait", "exec", "step_time", "first_step", "submit", "download"]

    public static func render(_ report: RunReport, directory: String) -> String {
        var lines: [String] = []
        let load = report.load
        lines.append("\(report.scenario) — \(load.mode) load, \(String(format: "%.1f", report.durationSeconds)) s, \(report.servers.joined(separator: ", "))")
        if let env = report.environment.first {
            lines.append("server: ComfyUI \(env.comfyUIVersion ?? "?"), PyTorch \(env.pytorchVersion ?? "?"), \(env.gpu ?? "?")")
        }
        lines.append("")
        lines.append(row(["metric", "count", "p50", "p90", "p95", "p99", "max"]))
        let groups = report.workflows.count > 1 ? [("all", report.overall)] + report.workflows.sorted { $0.key < $1.key } : [("", report.overall)]
        for (name, group) in groups {
            if !name.isEmpty { lines.append("[\(name)]") }
            let names = metricOrder.filter { group.metrics[$0] != nil } + group.metrics.keys.filter { $0.hasPrefix("node_time.") }.sorted()
            for metric in names {
                guard let summary = group.metrics[metric] else { continue }
                lines.append(row([metric, "\(summary.count)"] + [summary.p50, summary.p90, summary.p95, summary.p99, summary.max].map(seconds)))
            }
        }
        let overall = report.overall
        lines.append("")
        let outcomes = overall.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("prompts   \(overall.prompts) measured (+\(overall.warmup) warm-up): \(outcomes.isEmpty ? "none" : outcomes)")
        lines.append(String(format: "errors    %d (%.2f%%)", overall.errors, overall.errorRate * 100) + (overall.cached > 0 ? ", \(overall.cached) served from cache (excluded)" : ""))
        lines.append(String(format: "throughput %.2f prompts/min, %.2f images/min over %.1f s", overall.promptsPerMinute, overall.imagesPerMinute, overall.windowSeconds))
        if let peak = report.monitor.vramUsedPeak {
            let total = report.monitor.vramTotal.map { String(format: " of %.1f GiB", Double($0) / 1_073_741_824) } ?? ""
            lines.append(String(format: "VRAM      peak %.2f GiB", Double(peak) / 1_073_741_824) + total + (report.monitor.torchReservedPeak.map { String(format: ", torch reserved peak %.2f GiB", Double($0) / 1_073_741_824) } ?? ""))
        }
        lines.append(contentsOf: fleetLines(report))
        for threshold in report.thresholds {
            lines.append("\(threshold.passed ? "✓" : "✗") \(threshold.workflow.map { "[\($0)] " } ?? "")\(threshold.threshold)" + (threshold.reason.map { "  (\($0))" } ?? ""))
        }
        lines += regressionLines(report)
        if report.stoppedEarly { lines.append("stopped early: this run's pending prompts were removed from the server queue") }
        if !report.verdict.passed {
            lines.append("FAIL (exit \(report.verdict.exitCode)): " + report.verdict.reasons.joined(separator: "; "))
        } else {
            lines.append(report.stoppedEarly ? "STOPPED EARLY (the thresholds held for what ran)" : "PASS")
        }
        if !directory.isEmpty { lines.append("report: \(directory)") }
        return lines.joined(separator: "\n")
    }

    /// Per-server throughput and outcomes of a fleet run, and the idle sockets, when there are any.
    static func fleetLines(_ report: RunReport) -> [String] {
        var lines: [String] = []
        for (server, group) in (report.perServer ?? [:]).sorted(by: { $0.key < $1.key }) {
            let wait = group.metrics["queue_wait"].map { String(format: ", queue_wait p95 %.3f s", $0.p95) } ?? ""
            lines.append(String(format: "server    %@: %d prompts, %d errors, %.2f prompts/min", server, group.prompts, group.errors, group.promptsPerMinute) + wait)
        }
        if let idle = report.idleSockets {
            lines.append("idle sockets \(idle.connected)/\(idle.requested) connected, \(idle.messages) messages received, \(idle.disconnects) disconnects")
        }
        return lines
    }

    public static func json(_ report: RunReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(report)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [22, 7, 9, 9, 9, 9, 9]
        return zip(cells, widths).enumerated().map { index, pair in
            index == 0 ? pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined()
    }

    private static func seconds(_ value: Double) -> String {
        value < 1 ? String(format: "%.1fms", value * 1000) : String(format: "%.2fs", value)
    }
}
