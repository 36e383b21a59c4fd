import ComfyClient

/// Everything observed about one submitted prompt: one line of `samples.jsonl`.
///
/// Client-side times are seconds since the run started on the harness's monotonic clock; server
/// times are the server's own millisecond timestamps (`create_time`, `execution_*`), kept apart
/// because the two clocks are never mixed in one metric.
public struct PromptRecord: Sendable, Codable, Equatable {
    /// One node's phase: from its `executing` event to the next node's (or the terminal event).
    public struct NodePhase: Sendable, Codable, Equatable {
        public var node: String
        public var classType: String
        public var startedAt: Double
        public var seconds: Double?
        /// Arrival times of this node's `progress` events (sampler steps), seconds since the run start.
        public var steps: [Double]?

        public init(node: String, classType: String, startedAt: Double, seconds: Double? = nil, steps: [Double]? = nil) {
            self.node = node
            self.classType = classType
            self.startedAt = startedAt
            self.seconds = seconds
            self.steps = steps
        }
    }

    /// What went wrong, when something did: never holds secrets, only server-side text.
    public struct Failure: Sendable, Codable, Equatable {
        public var message: String
        public var node: String?
        public var nodeType: String?
        public var exceptionType: String?
        public var status: Int?

        public init(message: String, node: String? = nil, nodeType: String? = nil, exceptionType: String? = nil, status: Int? = nil) {
            self.message = message
            self.node = node
            self.nodeType = nodeType
            self.exceptionType = exceptionType
            self.status = status
        }
    }

    public var promptID: String
    public var sequence: Int
    public var workflow: String
    public var seed: Int?
    public var server: String
    public var warmup: Bool
    public var outcome: PromptOutcome

    // Client clock (seconds since the run started).
    public var scheduledAt: Double
    public var sentAt: Double?
    public var acceptedAt: Double?
    public var startedAt: Double?
    public var finishedAt: Double?
    public var downloadedAt: Double?

    // Server clock (ms since the epoch).
    public var number: Double?
    public var createTimeMs: Int64?
    public var executionStartMs: Int64?
    public var terminalMs: Int64?
    public var terminalEvent: String?

    public var cachedNodes: [String]?
    public var phases: [NodePhase]
    public var outputs: [OutputFile]
    public var downloadBytes: Int?
    public var failure: Failure?

    public init(promptID: String, sequence: Int, workflow: String, seed: Int?, server: String, scheduledAt: Double) {
        self.promptID = promptID
        self.sequence = sequence
        self.workflow = workflow
        self.seed = seed
        self.server = server
        self.warmup = false
        self.outcome = .lost
        self.scheduledAt = scheduledAt
        self.phases = []
        self.outputs = []
    }
}

extension PromptRecord {
    /// POST /prompt round trip (client clock).
    public var submitSeconds: Double? { difference(acceptedAt, sentAt) }

    /// `execution_start − create_time` on the server clock.
    public var queueWaitSeconds: Double? {
        guard let start = executionStartMs, let created = createTimeMs else { return nil }
        return Double(start - created) / 1000
    }

    /// Terminal `execution_*` − `execution_start` on the server clock.
    public var execSeconds: Double? {
        guard let end = terminalMs, let start = executionStartMs else { return nil }
        return Double(end - start) / 1000
    }

    /// From the scheduled send time to outputs downloaded (client clock; coordinated-omission safe).
    public var latencySeconds: Double? { difference(downloadedAt ?? finishedAt, scheduledAt) }

    /// GET /view of all outputs.
    public var downloadSeconds: Double? { difference(downloadedAt, finishedAt) }

    private func difference(_ end: Double?, _ start: Double?) -> Double? {
        guard let end, let start else { return nil }
        return end - start
    }
}
