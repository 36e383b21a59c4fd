import Histogram

/// A duration distribution in microseconds on an HdrHistogram: fixed memory, three significant
/// digits, mergeable across runs and machines without keeping samples.
public struct LatencyHistogram: Sendable {
    private(set) var histogram: Histogram<UInt64>

    public init() {
        // 1 µs to ~1 day; autoResize guards against a pathological longer value.
        histogram = Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 86_400_000_000, numberOfSignificantValueDigits: .three)
        histogram.autoResize = true
    }

    /// Records a duration in seconds; negative values (clock steps) are clamped to zero.
    public mutating func record(seconds: Double) {
        guard seconds.isFinite else { return }
        let micros = UInt64(max(0, (seconds * 1_000_000).rounded()))
        _ = histogram.record(micros)
    }

    public var count: Int { Int(histogram.totalCount) }

    public mutating func merge(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// The summary a report shows, in seconds; nil when nothing was recorded.
    public func summary() -> MetricSummary? {
        guard histogram.totalCount > 0 else { return nil }
        func seconds(_ micros: UInt64) -> Double { Double(micros) / 1_000_000 }
        let buckets = sparseBuckets()
        let (mean, stddev) = moments(of: buckets)
        return MetricSummary(
            count: Int(histogram.totalCount),
            min: seconds(histogram.min),
            mean: mean / 1_000_000,
            p50: seconds(histogram.valueAtPercentile(50)),
            p90: seconds(histogram.valueAtPercentile(90)),
            p95: seconds(histogram.valueAtPercentile(95)),
            p99: seconds(histogram.valueAtPercentile(99)),
            max: seconds(histogram.max),
            stddev: stddev / 1_000_000,
            buckets: buckets
        )
    }

    /// Mean and standard deviation in µs, computed exactly as `Histogram.mean` and `.stdDeviation`
    /// do (each bucket at its median-equivalent value, summed in bucket order) but from the buckets
    /// already collected: the library walks every recorded value three more times for the two.
    private func moments(of buckets: [[UInt64]]) -> (mean: Double, stddev: Double) {
        let total = Double(histogram.totalCount)
        var sum = 0.0
        for pair in buckets { sum += Double(histogram.medianEquivalentForValue(pair[0])) * Double(pair[1]) }
        let mean = sum / total
        var squares = 0.0
        for pair in buckets {
            let deviation = Double(histogram.medianEquivalentForValue(pair[0])) - mean
            squares += (deviation * deviation) * Double(pair[1])
        }
        return (mean, (squares / total).squareRoot())
    }

    /// Non-empty buckets as [value µs, count] pairs: enough to rebuild the histogram losslessly
    /// (at its precision) when reports are merged, at a fraction of the dense array's size.
    public func sparseBuckets() -> [[UInt64]] {
        histogram.recordedValues().map { [$0.value, UInt64($0.count)] }
    }

    /// Rebuilds a histogram from `sparseBuckets()` output.
    public init(buckets: [[UInt64]]) {
        self.init()
        for pair in buckets where pair.count == 2 {
            _ = histogram.record(pair[0], count: pair[1])
        }
    }
}
