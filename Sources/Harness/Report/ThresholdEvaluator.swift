import Foundation

/// The outcome of one SLO threshold at the end of a run.
public struct ThresholdResult: Sendable, Codable, Equatable {
    public var threshold: String
    public var workflow: String?
    public var actual: Double?
    /// `actual` in the threshold's unit, for people ("505.1 ms", "0.35%", "5.88 GiB").
    public var actualText: String?
    public var passed: Bool
    /// Why it failed, in words ("no data" when the metric was never measured).
    public var reason: String?
}

/// Checks the scenario's thresholds against a run's summaries. A threshold on a metric that has
/// no data fails: a silent pass on a metric that was never measured is how SLOs rot.
public enum ThresholdEvaluator {
    public static func evaluate(
        _ thresholds: [ThresholdSpec], overall: GroupSummary, workflows: [String: GroupSummary], monitor: MonitorSummary
    ) -> [ThresholdResult] {
        thresholds.map { spec in
            let group: GroupSummary?
            if let workflow = spec.workflow { group = workflows[workflow] } else { group = overall }
            guard let group else {
                return ThresholdResult(
                    threshold: spec.key + " " + spec.text, workflow: spec.workflow, actual: nil, passed: false,
                    reason: "no workflow named '\(spec.workflow ?? "")' ran")
            }
            guard let actual = value(of: spec, in: group, monitor: monitor) else {
                return ThresholdResult(
                    threshold: spec.key + " " + spec.text, workflow: spec.workflow, actual: nil, passed: false,
                    reason: "no data: \(spec.metric).\(spec.statistic) was never measured")
            }
            let passed = spec.comparison.holds(actual, spec.value)
            let text = format(actual, unit: spec.unit)
            return ThresholdResult(
                threshold: spec.key + " " + spec.text, workflow: spec.workflow, actual: actual, actualText: text,
                passed: passed, reason: passed ? nil : "\(spec.key) = \(text), limit \(spec.text)")
        }
    }

    /// The measured value a threshold refers to, in the threshold's base units.
    static func value(of spec: ThresholdSpec, in group: GroupSummary, monitor: MonitorSummary) -> Double? {
        switch (spec.metric, spec.statistic) {
        case ("errors", "rate"): return group.prompts > 0 ? group.errorRate : nil
        case ("errors", "count"): return Double(group.errors)
        case ("cached", "count"): return Double(group.cached)
        case ("cached", "rate"): return group.prompts > 0 ? Double(group.cached) / Double(group.prompts) : nil
        case ("throughput", "per_min"), ("throughput", "prompts_per_min"):
            return group.windowSeconds > 0 ? group.promptsPerMinute : nil
        case ("throughput", "images_per_min"): return group.windowSeconds > 0 ? group.imagesPerMinute : nil
        case ("vram_used", "peak"), ("vram_used", "max"): return monitor.vramUsedPeak.map(Double.init)
        case ("vram_used", "mean"): return monitor.vramUsedMean
        case ("torch_vram_reserved", "peak"), ("torch_vram_reserved", "max"): return monitor.torchReservedPeak.map(Double.init)
        case ("torch_vram_reserved", "mean"): return monitor.torchReservedMean
        default: return group.metrics[spec.metric]?.value(of: spec.statistic)
        }
    }

    static func format(_ value: Double, unit: ThresholdUnit) -> String {
        switch unit {
        case .seconds: return value < 1 ? String(format: "%.1f ms", value * 1000) : String(format: "%.3f s", value)
        case .bytes: return String(format: "%.2f GiB", value / 1_073_741_824)
        case .ratio: return String(format: "%.2f%%", value * 100)
        case .perMinute: return String(format: "%.2f/min", value)
        case .count: return String(format: "%.0f", value)
        }
    }
}
