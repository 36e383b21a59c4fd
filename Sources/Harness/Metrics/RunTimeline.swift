/// Per-second series over the run for the report's timelines: completions (throughput), errors and
/// prompts in flight. One counter per second of run, built as records finish; never the samples.
public struct RunTimeline: Sendable {
    private var completions: [Int] = []
    private var errors: [Int] = []
    /// +1 where a prompt was sent, −1 where it finished: prefix sums give prompts in flight.
    private var inFlightDelta: [Int] = []

    public init() {}

    public mutating func add(_ record: PromptRecord) {
        guard let sent = record.sentAt else { return }
        let end = record.downloadedAt ?? record.finishedAt ?? record.acceptedAt ?? sent
        Self.bump(&inFlightDelta, at: sent, by: 1)
        Self.bump(&inFlightDelta, at: end, by: -1)
        if record.outcome.isError {
            Self.bump(&errors, at: end, by: 1)
        } else if record.outcome == .ok {
            Self.bump(&completions, at: end, by: 1)
        }
    }

    private static func bump(_ series: inout [Int], at time: Double, by amount: Int) {
        let slot = max(0, Int(time.rounded(.down)))
        if series.count <= slot { series.append(contentsOf: repeatElement(0, count: slot - series.count + 1)) }
        series[slot] += amount
    }

    /// The series downsampled to at most `points` buckets of equal width.
    public func summary(points: Int = 500) -> TimelineSummary {
        let seconds = max(completions.count, errors.count, inFlightDelta.count)
        let width = max(1, (seconds + points - 1) / max(points, 1))
        var summary = TimelineSummary(bucketSeconds: Double(width), completionsPerMinute: [], errorsPerMinute: [], inFlight: [])
        var level = 0
        var start = 0
        while start < seconds {
            let end = min(start + width, seconds)
            var done = 0, failed = 0, peak = 0
            for second in start..<end {
                if second < completions.count { done += completions[second] }
                if second < errors.count { failed += errors[second] }
                if second < inFlightDelta.count { level += inFlightDelta[second] }
                peak = max(peak, level)
            }
            let minutes = Double(end - start) / 60
            summary.completionsPerMinute.append(Double(done) / minutes)
            summary.errorsPerMinute.append(Double(failed) / minutes)
            summary.inFlight.append(peak)
            start = end
        }
        return summary
    }
}

/// The run's timelines as `run.json` stores them: bucket i covers [i·bucketSeconds, (i+1)·bucketSeconds).
public struct TimelineSummary: Sendable, Codable, Equatable {
    public var bucketSeconds: Double
    public var completionsPerMinute: [Double]
    public var errorsPerMinute: [Double]
    /// The most prompts in flight at any second of the bucket.
    public var inFlight: [Int]
}
