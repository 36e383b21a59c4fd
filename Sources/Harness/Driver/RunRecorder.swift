/// Receives every finished prompt: marks warm-up, appends it to `samples.jsonl`, folds it into the
/// metrics, and keeps the live counters the progress line shows.
public actor RunRecorder {
    private let writer: SamplesWriter?
    private let warmup: Int
    public private(set) var metrics = MetricsAccumulator()
    public private(set) var timeline = RunTimeline()
    public private(set) var completed = 0
    public private(set) var failed = 0
    public private(set) var inFlight = 0
    public private(set) var submitted = 0
    /// Measured queue waits and step times for the live line (a cheap rolling view).
    private var liveQueueWait = LatencyHistogram()
    private var liveStepTime = LatencyHistogram()
    public private(set) var writeErrors: [String] = []

    public init(writer: SamplesWriter?, warmup: Int) {
        self.writer = writer
        self.warmup = warmup
    }

    public func started() {
        inFlight += 1
        submitted += 1
    }

    /// Records a finished prompt; the first `warmup` completions (any outcome) are flagged warm-up.
    public func finished(_ record: PromptRecord) async {
        var record = record
        inFlight -= 1
        if record.outcome != .cancelled {
            record.warmup = completed + failed < warmup
            if record.outcome.isError { failed += 1 } else { completed += 1 }
        }
        if let writer {
            do {
                try await writer.append(record)
            } catch {
                // Keep going: the metrics still hold the record; the summary reports the loss.
                writeErrors.append("\(writer.path): \(error)")
            }
        }
        metrics.add(record)
        timeline.add(record)
        if !record.warmup, record.outcome == .ok {
            if let wait = record.queueWaitSeconds { liveQueueWait.record(seconds: wait) }
            for phase in record.phases {
                guard let steps = phase.steps, steps.count > 1 else { continue }
                for index in steps.indices.dropFirst() { liveStepTime.record(seconds: steps[index] - steps[index - 1]) }
            }
        }
    }

    /// Records a prompt that was planned but never sent (the run stopped first).
    public func cancelled(_ record: PromptRecord) async {
        inFlight += 1
        await finished(record)
    }

    /// The numbers of the live progress line.
    public func snapshot() -> ProgressSnapshot {
        ProgressSnapshot(
            completed: completed, failed: failed, inFlight: inFlight,
            queueWaitP95: liveQueueWait.summary()?.p95, stepTimeP50: liveStepTime.summary()?.p50)
    }
}

/// The live counters of a run at one moment.
public struct ProgressSnapshot: Sendable {
    public var completed: Int
    public var failed: Int
    public var inFlight: Int
    public var queueWaitP95: Double?
    public var stepTimeP50: Double?
}
