/// One measured load level of a sweep, as `sweep.json` stores it.
public struct SweepStep: Sendable, Codable, Equatable {
    /// Concurrency (closed) or arrivals per second (open).
    public var level: Double
    /// `search` or `refine`.
    public var phase: String
    /// Measured prompts: those *scheduled* inside the window (their statistics are the step's).
    public var prompts: Int
    /// Completions inside the window, over its length: the steady-state throughput.
    public var promptsPerMinute: Double
    public var imagesPerMinute: Double
    public var windowSeconds: Double
    public var latency: MetricSummary?
    public var queueWait: MetricSummary?
    public var exec: MetricSummary?
    /// Median seconds per sampler step.
    public var stepTimeP50: Double?
    public var vramPeak: Int64?
    public var errors: Int
    public var errorRate: Double
    /// Time-weighted prompts in flight (scheduled → done) over the window: Little's L.
    public var meanInFlight: Double
    /// L / (X·W) with X the throughput and W the mean latency; ≈ 1 when the measurement is consistent.
    public var littleRatio: Double?
    public var slo: [ThresholdResult]
    public var meetsSLO: Bool
    /// Completions per minute per server (fleets only).
    public var perServer: [String: Double]?

    /// The plan's view of this step.
    public var outcome: SweepPlan.Outcome {
        SweepPlan.Outcome(level: level, meetsSLO: meetsSLO, throughput: promptsPerMinute)
    }
}
