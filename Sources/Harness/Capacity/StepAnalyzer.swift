/// Turns one step's prompt records into a `SweepStep`: a pure function of the records, the
/// measuring window and the monitor's summary.
///
/// Statistics (latency, queue wait, errors) cover the prompts *scheduled* inside the window, so the
/// settle period never leaks in. Throughput is the steady-state completion rate inside the window:
/// per server, (k − 1) completions over the time from the first to the last of them, which does not jump by a
/// whole prompt per window the way k / window does (counting the window's own prompts to their last
/// completion instead would charge it the drain time, C·T too long at concurrency C).
public enum StepAnalyzer {
    public static func analyze(
        records: [PromptRecord], level: Double, phase: String, window: ClosedRange<Double>, monitor: MonitorSummary?,
        slos: [ThresholdSpec], servers: Int
    ) -> SweepStep {
        let length = window.upperBound - window.lowerBound
        var accumulator = MetricsAccumulator()
        for var record in records where window.contains(record.scheduledAt) && record.outcome != .cancelled {
            record.warmup = false
            accumulator.add(record)
        }
        var summary = GroupSummary(accumulator.overall)
        let done = records.filter { record in
            guard record.outcome == .ok, let end = completion(of: record) else { return false }
            return window.contains(end)
        }
        // Per server, then summed: merged completions of several servers are not evenly spaced, and
        // the first-to-last span of a merged stream misjudges the rate by up to a period per window.
        let byServer = Dictionary(grouping: done, by: \.server).mapValues { records in
            let perMinute = completionsPerMinute(records.compactMap(completion), window: length)
            return (prompts: Double(records.count) * perMinute, images: Double(records.reduce(0) { $0 + $1.outputs.count }) * perMinute)
        }
        summary.windowSeconds = length
        summary.promptsPerMinute = byServer.values.reduce(0) { $0 + $1.prompts }
        summary.imagesPerMinute = byServer.values.reduce(0) { $0 + $1.images }
        let workflows = accumulator.workflows.mapValues(GroupSummary.init)
        let results = ThresholdEvaluator.evaluate(
            slos, overall: summary, workflows: workflows, monitor: monitor ?? MonitorSummary(samples: [], failures: 0, points: 1))
        let inFlight = meanInFlight(records, window: window)
        let latency = summary.metrics["latency"]
        let throughputPerSecond = summary.promptsPerMinute / 60
        var little: Double?
        if let latency, throughputPerSecond > 0, latency.mean > 0 {
            little = inFlight / (throughputPerSecond * latency.mean)
        }
        var perServer: [String: Double]?
        if servers > 1 {
            perServer = Dictionary(byServer.map { (SecretRedactor.redactURL($0.key), $0.value.prompts) }, uniquingKeysWith: +)
        }
        return SweepStep(
            level: level, phase: phase, prompts: summary.prompts, promptsPerMinute: summary.promptsPerMinute,
            imagesPerMinute: summary.imagesPerMinute, windowSeconds: length, latency: latency.map(trimmed),
            queueWait: summary.metrics["queue_wait"].map(trimmed), exec: summary.metrics["exec"].map(trimmed),
            stepTimeP50: summary.metrics["step_time"]?.p50, vramPeak: monitor?.vramUsedPeak, errors: summary.errors,
            errorRate: summary.errorRate, meanInFlight: inFlight, littleRatio: little, slo: results,
            meetsSLO: results.allSatisfy(\.passed), perServer: perServer)
    }

    /// The per-minute factor that turns a completion count into a rate: (k−1)/(k·span) with three or
    /// more completions, 1/window otherwise.
    static func completionsPerMinute(_ times: [Double], window: Double) -> Double {
        if times.count >= 3, let first = times.min(), let last = times.max(), last > first {
            return Double(times.count - 1) / Double(times.count) / (last - first) * 60
        }
        return window > 0 ? 60 / window : 0
    }

    static func completion(of record: PromptRecord) -> Double? {
        record.downloadedAt ?? record.finishedAt
    }

    /// Time-weighted count of prompts between their scheduled time and their completion, over the window.
    static func meanInFlight(_ records: [PromptRecord], window: ClosedRange<Double>) -> Double {
        let length = window.upperBound - window.lowerBound
        guard length > 0 else { return 0 }
        var area = 0.0
        for record in records where record.outcome != .cancelled {
            let end = completion(of: record) ?? record.acceptedAt ?? record.scheduledAt
            let from = max(record.scheduledAt, window.lowerBound), to = min(end, window.upperBound)
            if to > from { area += to - from }
        }
        return area / length
    }

    /// A summary without its histogram buckets: `sweep.json` shows statistics, the samples files keep the rest.
    private static func trimmed(_ summary: MetricSummary) -> MetricSummary {
        var copy = summary
        copy.buckets = []
        return copy
    }
}
