/// How hard and for how long a scenario drives the servers.
public struct LoadSpec: Sendable, Equatable {
    public var mode: LoadMode
    /// Closed mode: clients sending back to back (the level before any stage).
    public var concurrency: Int
    /// Open mode: arrivals per second (the level before any stage).
    public var rate: Double?
    public var arrival: ArrivalProcess
    /// Open mode: at most this many prompts in flight; a prompt due beyond it waits for a slot and
    /// keeps its planned time, so the wait shows in `latency` (nothing is dropped).
    public var maxInFlight: Int
    /// Load levels over time; when present they set the level instead of `concurrency`/`rate`.
    public var stages: [LoadStage]
    /// Stop after this many measured prompts (warmup excluded).
    public var requests: Int?
    /// Stop issuing prompts this long after the start; with stages, their total.
    public var duration: Duration?
    /// The first completions, excluded from the statistics.
    public var warmup: Int
    /// Per-prompt limit from submission to outputs downloaded.
    public var timeout: Duration
    /// Seed for the Poisson arrival generator, so an open run can be replayed; nil picks one per run.
    public var arrivalSeed: UInt64?
    /// Extra `/ws` connections per server that only listen, like open browser tabs.
    public var idleSockets = 0

    public init(
        mode: LoadMode = .closed, concurrency: Int = 1, rate: Double? = nil, arrival: ArrivalProcess = .constant,
        maxInFlight: Int? = nil, stages: [LoadStage] = [], requests: Int? = nil, duration: Duration? = nil,
        warmup: Int = 0, timeout: Duration = .seconds(600), arrivalSeed: UInt64? = nil
    ) {
        self.mode = mode
        self.concurrency = concurrency
        self.rate = rate
        self.arrival = arrival
        // Closed mode never has more in flight than its highest level; open mode needs an explicit cap.
        let highest = max(concurrency, stages.compactMap(\.concurrency).max() ?? 0)
        self.maxInFlight = maxInFlight ?? (mode == .closed ? highest : LoadSpec.defaultMaxInFlight)
        self.stages = stages
        self.requests = requests
        self.duration = duration
        self.warmup = warmup
        self.timeout = timeout
        self.arrivalSeed = arrivalSeed
    }

    public static let defaultMaxInFlight = 64

    /// The sum of the stage durations, nil without stages.
    public var stagesDuration: Duration? {
        stages.isEmpty ? nil : stages.reduce(Duration.zero) { $0 + $1.duration }
    }
}

/// Closed: a fixed number of clients, each sending its next prompt when the last one finished.
/// Open: prompts arrive on a schedule whether or not earlier ones finished (latency counts from the schedule).
public enum LoadMode: String, Sendable, Equatable, CaseIterable {
    case closed
    case open
}

/// How open-mode arrivals are spaced.
public enum ArrivalProcess: String, Sendable, Equatable, CaseIterable {
    /// Evenly spaced, 1/rate apart.
    case constant
    /// Exponential gaps with mean 1/rate (bursty, like independent users).
    case poisson
}
