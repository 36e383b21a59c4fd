/// The statistics of one metric as reports show them (seconds for durations), with the histogram's
/// non-empty buckets so runs can be merged and compared later.
public struct MetricSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var min: Double
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var max: Double
    public var stddev: Double
    /// [value in µs, count] pairs of the HdrHistogram's non-empty buckets.
    public var buckets: [[UInt64]]

    /// The named statistic (`p95`, `mean`, `max`, …) as thresholds name them.
    public func value(of statistic: String) -> Double? {
        switch statistic {
        case "count": return Double(count)
        case "min": return min
        case "mean", "avg": return mean
        case "p50", "median": return p50
        case "p90": return p90
        case "p95": return p95
        case "p99": return p99
        case "max": return max
        case "stddev": return stddev
        default: return nil
        }
    }
}
