import Foundation

/// One pass over a samples.jsonl: folds every record into the metrics and timeline as the live run
/// did, and (when asked) keeps the per-sample values `compare` tests for significance.
public struct SamplesScan: Sendable {
    /// The metrics compared sample by sample between runs.
    public static let comparedMetrics = ["step_time", "queue_wait", "exec", "latency"]

    public var metrics = MetricsAccumulator()
    public var timeline = RunTimeline()
    public var lines = 0
    /// Lines that did not decode (a torn last line after a crash, or a corrupt file).
    public var skipped = 0
    /// The latest client-clock time seen: the run's length when run.json is gone.
    public var lastTime = 0.0
    public var servers: Set<String> = []
    /// Measured (non-warm-up, ok) values per compared metric, in seconds; empty unless `keepValues`.
    public var values: [String: [Double]] = [:]

    /// Reads `path` line by line; throws only when the file cannot be read at all.
    public init(path: String, keepValues: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError.io(path: path, reason: "cannot read the file", hint: "pass a run folder or its samples.jsonl")
        }
        let decoder = JSONDecoder()
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            lines += 1
            guard let record = try? decoder.decode(PromptRecord.self, from: Data(line)) else {
                skipped += 1
                continue
            }
            add(record, keepValues: keepValues)
        }
    }

    private mutating func add(_ record: PromptRecord, keepValues: Bool) {
        metrics.add(record)
        timeline.add(record)
        servers.insert(record.server)
        lastTime = max(lastTime, record.downloadedAt ?? record.finishedAt ?? record.acceptedAt ?? record.scheduledAt)
        guard keepValues, !record.warmup, record.outcome == .ok else { return }
        if let value = record.queueWaitSeconds { values["queue_wait", default: []].append(value) }
        if let value = record.execSeconds { values["exec", default: []].append(value) }
        if let value = record.latencySeconds { values["latency", default: []].append(value) }
        for phase in record.phases {
            guard let steps = phase.steps, steps.count > 1 else { continue }
            for index in steps.indices.dropFirst() { values["step_time", default: []].append(steps[index] - steps[index - 1]) }
        }
    }
}
