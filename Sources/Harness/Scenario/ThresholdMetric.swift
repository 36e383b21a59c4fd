/// The metrics a threshold may name, and which statistics and units each one has.
struct ThresholdMetric {
    let statistics: [String]
    /// Whether `<workflow>/` may prefix it (server-wide samples like VRAM have no workflow).
    let perWorkflow: Bool
    private let kinds: [String: Quantity.Kind]
    /// Kind of `pNN` statistics, nil when the metric has no percentiles.
    private let percentileKind: Quantity.Kind?

    static let timings = ["queue_wait", "exec", "latency", "submit", "step_time", "first_step", "download"]
    static let names =
        timings + ["node_time.<class>", "throughput", "errors", "cached", "vram_used", "torch_vram_reserved"]
    static let errorClasses = ["http", "validation", "execution", "interrupted", "timeout", "lost", "connection"]

    static let timing = ThresholdMetric(
        statistics: ["p50", "p90", "p95", "p99", "p<N>", "max", "min", "mean", "stddev", "count"], perWorkflow: true,
        kinds: ["max": .duration, "min": .duration, "mean": .duration, "stddev": .duration, "count": .count],
        percentileKind: .duration)
    static let throughput = ThresholdMetric(
        statistics: ["per_min", "images_per_min"], perWorkflow: true,
        kinds: ["per_min": .perMinute, "images_per_min": .perMinute], percentileKind: nil)
    static let counted = ThresholdMetric(
        statistics: ["rate", "count"], perWorkflow: true, kinds: ["rate": .ratio, "count": .count], percentileKind: nil)
    static let memory = ThresholdMetric(
        statistics: ["peak", "max", "mean", "min"], perWorkflow: false,
        kinds: ["peak": .bytes, "max": .bytes, "mean": .bytes, "min": .bytes], percentileKind: nil)

    /// The family of a metric name (`node_time.KSampler` is a timing), nil when unknown.
    static func family(of metric: String) -> ThresholdMetric? {
        if timings.contains(metric) || metric.hasPrefix("node_time.") { return timing }
        if metric == "errors" || metric.hasPrefix("errors.") || metric == "cached" { return counted }
        switch metric {
        case "throughput": return throughput
        case "vram_used", "torch_vram_reserved": return memory
        default: return nil
        }
    }

    /// The unit kind of a statistic of this metric, nil when the metric has no such statistic.
    func kind(of statistic: String) -> Quantity.Kind? {
        if let kind = kinds[statistic] { return kind }
        guard let percentileKind, statistic.hasPrefix("p"), let rank = Double(statistic.dropFirst()),
            rank > 0, rank <= 100
        else { return nil }
        return percentileKind
    }
}
