/// Folds finished `PromptRecord`s into per-workflow and overall statistics, keeping only
/// histograms and counters in memory (never the samples themselves: those stream to disk).
public struct MetricsAccumulator: Sendable {
    /// Statistics of one group of prompts (a workflow, or all of them).
    public struct Group: Sendable {
        public var histograms: [String: LatencyHistogram] = [:]
        public var outcomes: [PromptOutcome: Int] = [:]
        public var warmup = 0
        public var images = 0
        public var firstScheduled: Double?
        public var lastCompleted: Double?
        public var errorExamples: [String: ErrorExample] = [:]

        mutating func record(_ name: String, _ seconds: Double?) {
            guard let seconds else { return }
            histograms[name, default: LatencyHistogram()].record(seconds: seconds)
        }
    }

    public private(set) var overall = Group()
    private var workflowGroups = Breakdown()
    private var serverGroups = Breakdown()

    /// Per workflow.
    public var workflows: [String: Group] { workflowGroups.groups(overall: overall) }
    /// Per server (by base URL), for the report's fleet breakdown.
    public var servers: [String: Group] { serverGroups.groups(overall: overall) }

    public init() {}

    public mutating func add(_ record: PromptRecord) {
        // The phase metric names once, not once per group: building them was most of the fold's cost.
        let phaseNames = record.phases.map { "node_time." + $0.classType }
        if workflowGroups.needsFold(record.workflow, overall: overall) {
            Self.fold(record, phaseNames, into: &workflowGroups.split[record.workflow, default: Group()])
        }
        if serverGroups.needsFold(record.server, overall: overall) {
            Self.fold(record, phaseNames, into: &serverGroups.split[record.server, default: Group()])
        }
        Self.fold(record, phaseNames, into: &overall)
    }

    /// Groups by one key (workflow or server). While every record so far had the same key (one
    /// workflow, one server: most runs), that key's group is `overall` itself and nothing is folded
    /// twice; the second key splits them. Folding each record three times was a visible share of the
    /// driver's CPU at one prompt in flight.
    private struct Breakdown: Sendable {
        /// The one key seen so far, before any split.
        private var sole: String?
        private var seenAny = false
        var split: [String: Group] = [:]

        /// Whether the record with `key` must be folded into `split[key]`; call before folding it into
        /// `overall`, which then still holds exactly the sole key's records.
        mutating func needsFold(_ key: String, overall: Group) -> Bool {
            guard seenAny else {
                seenAny = true
                sole = key
                return false
            }
            guard let only = sole else { return true }
            if only == key { return false }
            split[only] = overall
            sole = nil
            return true
        }

        func groups(overall: Group) -> [String: Group] {
            sole.map { [$0: overall] } ?? split
        }
    }

    private static func fold(_ record: PromptRecord, _ phaseNames: [String], into group: inout Group) {
        if record.warmup {
            group.warmup += 1
            return
        }
        group.outcomes[record.outcome, default: 0] += 1
        if record.outcome.isError {
            let key = ErrorExample.key(for: record)
            if group.errorExamples[key] == nil {
                group.errorExamples[key] = ErrorExample(record: record)
            } else {
                group.errorExamples[key]?.count += 1
            }
        }
        guard record.outcome != .cancelled else { return }
        group.firstScheduled = Swift.min(group.firstScheduled ?? record.scheduledAt, record.scheduledAt)
        group.record("submit", record.submitSeconds)
        // A cached prompt did no work: its timings would flatter every latency statistic.
        guard record.outcome == .ok else { return }
        if let done = record.downloadedAt ?? record.finishedAt {
            group.lastCompleted = Swift.max(group.lastCompleted ?? done, done)
        }
        group.images += record.outputs.count
        group.record("queue_wait", record.queueWaitSeconds)
        group.record("exec", record.execSeconds)
        group.record("latency", record.latencySeconds)
        group.record("download", record.downloadSeconds)
        for (phase, name) in zip(record.phases, phaseNames) {
            group.record(name, phase.seconds)
            guard let steps = phase.steps, !steps.isEmpty else { continue }
            group.record("first_step", steps[0] - phase.startedAt)
            for index in steps.indices.dropFirst() {
                group.record("step_time", steps[index] - steps[index - 1])
            }
        }
    }
}

/// The first prompt seen for one error kind (class, node type, exception), with how many followed.
public struct ErrorExample: Sendable, Codable, Equatable {
    public var outcome: PromptOutcome
    public var node: String?
    public var nodeType: String?
    public var exceptionType: String?
    public var message: String
    public var promptID: String
    public var count: Int

    init(record: PromptRecord) {
        outcome = record.outcome
        node = record.failure?.node
        nodeType = record.failure?.nodeType
        exceptionType = record.failure?.exceptionType
        message = record.failure?.message ?? record.outcome.rawValue
        promptID = record.promptID
        count = 1
    }

    static func key(for record: PromptRecord) -> String {
        [record.outcome.rawValue, record.failure?.nodeType ?? "", record.failure?.exceptionType ?? ""]
            .joined(separator: "|")
    }
}
