/// The simulator's own ground truth about one submitted prompt, for tests to compare a client's view with.
public struct SimulatedPromptRecord: Sendable, Equatable {
    /// Where a prompt ended up.
    public enum Outcome: String, Sendable, Equatable {
        case pending, running, success, cached, error, interrupted, deleted
    }

    public var promptID: String
    public var clientID: String?
    /// The queue priority: the submission counter, or the client's `number`.
    public var number: Double
    /// `extra_data.create_time` (server wall clock, ms since epoch).
    public var createTimeMs: Int64
    /// `execution_start.timestamp`.
    public var startTimeMs: Int64?
    /// Timestamp of the terminal `execution_*` message.
    public var endTimeMs: Int64?
    /// `success` when something ran, `cached` when every node came from cache.
    public var outcome: Outcome
    /// Seconds each sampler step slept (after timeScale); 0 when no sampler ran.
    public var stepSeconds: Double
    /// Sampler steps run (sum over sampler nodes).
    public var steps: Int
    /// Node ids that executed (not cached), in execution order.
    public var executedNodes: [String]
    /// File names of the images written or reported by output nodes.
    public var outputs: [String]
    /// False when the "lost" fault kept the history entry from being written.
    public var historyWritten: Bool

    /// Queue wait in ms, `execution_start.timestamp − create_time`.
    public var queueWaitMs: Int64? { startTimeMs.map { $0 - createTimeMs } }
}
