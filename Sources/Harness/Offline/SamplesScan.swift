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
        let lines = Self.lineRanges(data)
        self.lines = lines.count
        // Decoding dominates: decode chunks on every core, fold in file order
        // so the first error example stays the first one in the file.
        for chunk in Self.decodeInParallel(data, lines) {
            for record in chunk {
                guard let record else {
                    skipped += 1
                    continue
                }
                add(record, keepValues: keepValues)
            }
        }
    }

    /// Byte ranges of the non-empty lines (memchr: `Data.split` spends most of its time in exclusivity checks).
    private static func lineRanges(_ data: Data) -> [Range<Int>] {
        data.withUnsafeBytes { buffer -> [Range<Int>] in
            guard let base = buffer.baseAddress else { return [] }
            var ranges: [Range<Int>] = []
            var start = 0
            while start < buffer.count {
                let end = memchr(base + start, 0x0A, buffer.count - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                if end > start { ranges.append(start..<end) }
                start = end + 1
            }
            return ranges
        }
    }

    private static func decodeInParallel(_ data: Data, _ lines: [Range<Int>]) -> [[PromptRecord?]] {
        let chunks = max(1, min(lines.count / 2_000, ProcessInfo.processInfo.activeProcessorCount * 4))
        let results = ChunkResults(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (lines.count * index / chunks)..<(lines.count * (index + 1) / chunks)
            results.set(index, lines[range].map { PromptRecord.decodeLine(data[$0]) })
        }
        return results.all
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

/// Per-chunk decode results, written from `concurrentPerform` workers (each index exactly once).
private final class ChunkResults: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[PromptRecord?]]

    init(count: Int) { chunks = Array(repeating: [], count: count) }

    func set(_ index: Int, _ records: [PromptRecord?]) { lock.withLock { chunks[index] = records } }

    var all: [[PromptRecord?]] { lock.withLock { chunks } }
}
