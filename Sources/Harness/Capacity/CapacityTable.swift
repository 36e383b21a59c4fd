import Foundation

/// The sweep's capacity table for a terminal: one row per step (by load), then the saturation
/// point, the knee, the USL fit, the plain sentence and the report folder.
public enum CapacityTable {
    static let widths = [9, 8, 9, 13, 12, 10, 10, 11, 8, 8, 8, 10, 7, 5]

    public static func header(mode: String, statistic: String) -> String {
        row([
            mode == "closed" ? "clients" : "offered", "phase", "prompts", "prompts/min", "images/min", "lat p50", "lat p95",
            "wait \(statistic)", "s/it", "VRAM", "errors", "inflight", "L/XW", "SLO",
        ])
    }

    /// One step's row (printed live as the sweep goes, and in the final table).
    public static func row(_ step: SweepStep, mode: String, statistic: String) -> String {
        let level = mode == "closed" ? String(format: "%.0f", step.level) : String(format: "%.1f/min", step.level * 60)
        return row([
            level, step.phase, "\(step.prompts)", String(format: "%.1f", step.promptsPerMinute),
            String(format: "%.1f", step.imagesPerMinute), seconds(step.latency?.p50), seconds(step.latency?.p95),
            seconds(step.queueWait?.value(of: statistic)), step.stepTimeP50.map { String(format: "%.3f", $0) } ?? "–",
            step.vramPeak.map { String(format: "%.1fG", Double($0) / 1_073_741_824) } ?? "–", "\(step.errors)",
            String(format: "%.2f", step.meanInFlight), step.littleRatio.map { String(format: "%.2f", $0) } ?? "–",
            step.slo.isEmpty ? "–" : (step.meetsSLO ? "✓" : "✗"),
        ])
    }

    public static func render(_ result: SweepResult, directory: String) -> String {
        var lines = [
            "\(result.scenario) — capacity sweep, \(result.mode) load, \(result.servers.joined(separator: ", "))"
                + (result.servers.count > 1 ? " (fleet: \(result.fleet))" : ""),
            "SLO: " + (result.slos.isEmpty ? "none" : result.slos.joined(separator: ", "))
                + String(format: " · settle %.1f s, measure %.1f s per step, drained between steps", result.settleSeconds, result.measureSeconds),
            "",
            header(mode: result.mode, statistic: result.queueWaitStatistic),
        ]
        for step in result.steps.sorted(by: { $0.level < $1.level }) {
            lines.append(row(step, mode: result.mode, statistic: result.queueWaitStatistic))
        }
        lines.append("")
        if let saturation = result.saturation {
            lines.append(String(format: "saturation %.1f prompts/min, %.1f images/min at %@", saturation.promptsPerMinute, saturation.imagesPerMinute, level(saturation.level, result.mode)))
        }
        if let knee = result.knee {
            lines.append(String(format: "knee       %@: %.1f prompts/min, %.1f images/min", level(knee.level, result.mode), knee.promptsPerMinute, knee.imagesPerMinute))
        } else {
            lines.append("knee       not found")
        }
        if let usl = result.usl {
            let peak = usl.peakLoad.map { String(format: "predicted peak at N* = %.1f (%.1f prompts/min)", $0, usl.peakThroughput ?? 0) } ?? "no predicted peak (β = 0: throughput plateaus)"
            lines.append(String(format: "USL fit    λ = %.3f/min, α = %.4f, β = %.6f, R² = %.3f; ", usl.lambda, usl.alpha, usl.beta, usl.rSquared) + peak)
        }
        if let reason = result.stopReason { lines.append("stopped    \(reason.replacingOccurrences(of: "_", with: " "))") }
        lines.append("")
        lines.append(result.sentence)
        if !directory.isEmpty { lines.append("report: \(directory)/sweep.html") }
        return lines.joined(separator: "\n")
    }

    static func level(_ value: Double, _ mode: String) -> String {
        mode == "closed" ? String(format: "concurrency %.0f", value) : String(format: "%.1f prompts/min offered", value * 60)
    }

    private static func seconds(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value < 1 ? String(format: "%.1fms", value * 1000) : String(format: "%.2fs", value)
    }

    private static func row(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { index, pair in
            let pad = String(repeating: " ", count: max(0, pair.1 - pair.0.count))
            return index == 0 ? pair.0 + pad : pad + pair.0
        }.joined()
    }
}
