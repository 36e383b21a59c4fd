import Foundation

/// The terminal view of a `RunComparison`: one row per metric with both runs' percentiles, the
/// change, the test's p-value and a flag, then VRAM, environment and image differences.
public enum CompareTable {
    public static func render(_ comparison: RunComparison) -> String {
        var lines = [
            "A: \(comparison.a.directory) (\(comparison.a.scenario), \(comparison.a.prompts) prompts)",
            "B: \(comparison.b.directory) (\(comparison.b.scenario), \(comparison.b.prompts) prompts)", "",
            row(["metric", "p50 A", "p50 B", "Δ p50", "B/A", "p95 A", "p95 B", "p-value", ""]),
        ]
        for metric in comparison.metrics {
            lines.append(row([
                metric.metric, seconds(metric.p50A), seconds(metric.p50B), signed(metric.delta),
                metric.ratio.map { String(format: "×%.3f", $0) } ?? "–", seconds(metric.p95A), seconds(metric.p95B),
                metric.test.map { String(format: "%.2g", $0.pValue) } ?? "–",
                metric.flagged ? ((metric.ratio ?? 1) > 1 ? "▲ slower" : "▼ faster") : "",
            ]))
        }
        lines.append("")
        lines.append(String(format: "throughput  %.2f → %.2f prompts/min", comparison.a.promptsPerMinute, comparison.b.promptsPerMinute))
        if comparison.a.vramUsedPeak != nil || comparison.b.vramUsedPeak != nil {
            let a = comparison.a.vramUsedPeak.map { Double($0) / 1_073_741_824 }
            let b = comparison.b.vramUsedPeak.map { Double($0) / 1_073_741_824 }
            let delta = (a != nil && b != nil) ? String(format: " (%+.2f GiB)", b! - a!) : ""
            lines.append("VRAM peak   \(a.map { String(format: "%.2f GiB", $0) } ?? "–") → \(b.map { String(format: "%.2f GiB", $0) } ?? "–")\(delta)")
        }
        for difference in comparison.environment {
            lines.append("env \(difference.field): \(difference.a) → \(difference.b)")
        }
        for image in comparison.images where image.status != "identical" {
            lines.append("image \(image.path): \(image.status)" + (image.differingPixels.map { ", \($0) pixels differ" } ?? ""))
        }
        let same = comparison.images.filter { $0.status == "identical" }.count
        if same > 0 { lines.append("\(same) images identical") }
        lines += comparison.notes.map { "note: \($0)" }
        let findings = comparison.findings
        lines.append(findings.isEmpty
            ? "no change beyond noise (Mann-Whitney U, p < \(comparison.alpha), change ≥ \(Int(comparison.minChange * 100))%)"
            : "CHANGED: " + findings.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [24, 10, 10, 10, 8, 10, 10, 9, 10]
        return zip(cells, widths).enumerated().map { index, pair in
            index == 0 || index == 8 ? " " + pair.0.padding(toLength: pair.1, withPad: " ", startingAt: 0)
                : String(repeating: " ", count: max(0, pair.1 - pair.0.count)) + pair.0
        }.joined()
    }

    static func seconds(_ value: Double?) -> String {
        guard let value else { return "–" }
        return abs(value) < 1 ? String(format: "%.1fms", value * 1000) : String(format: "%.3fs", value)
    }

    static func signed(_ value: Double?) -> String {
        guard let value else { return "–" }
        return (value >= 0 ? "+" : "-") + seconds(abs(value))
    }
}
