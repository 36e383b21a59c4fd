import ComfyImage
import Foundation

extension SummaryTable {
    /// The regression block of the terminal summary: one row per workflow × seed × image.
    static func regressionLines(_ report: RunReport) -> [String] {
        guard let summary = report.regression else { return [] }
        var lines = ["", "regression against \(summary.baselines)" + (summary.freedCache ? " (cache freed first)" : " (cache_none)")]
        if summary.acrossEnvironments {
            lines.append("  baselines from another environment (\(summary.environmentDrift.joined(separator: ", "))): only layout, missing and different images fail")
        }
        for workflow in summary.workflows {
            for seed in workflow.seeds {
                for image in seed.images {
                    let seedText = seed.seed.map { "seed \($0)" } ?? "no seed"
                    var line = "  \(image.fails ? "✗" : "✓") [\(workflow.workflow)] \(seedText) #\(image.index) \(image.verdict.rawValue)"
                    if let composition = image.composition { line += " (\(composition.rawValue))" }
                    if let metrics = image.metrics, image.verdict != .identical {
                        line += String(format: "  PSNR %.1f dB, SSIM %.4f, worst tile %.3f", metrics.psnr, metrics.ssimMean, metrics.ssimWorstTile)
                    }
                    if image.fails, let reason = image.reasons.first { line += "  — \(reason)" }
                    lines.append(line)
                }
            }
            for note in workflow.notes { lines.append("  note [\(workflow.workflow)]: \(note)") }
        }
        return lines
    }
}
