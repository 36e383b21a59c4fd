/// The scenario's `sweep:` section: which load levels `comfy-harness sweep` tries, how long each
/// one settles and is measured, and the SLOs that end the search.
///
/// Levels are concurrencies in closed mode and arrivals per second in open mode. Without an
/// explicit `levels` list the sweep searches exponentially (`start`, ×`factor`, … up to `max`) and
/// then bisects between the last level that met the SLOs and the first that broke them.
public struct SweepSpec: Sendable, Equatable {
    /// Explicit levels, tried in order (no exponential search; refinement still applies).
    public var levels: [Double]?
    public var start: Double
    public var factor: Double
    public var maxLevel: Double
    /// Load runs this long before the measuring window opens (queues fill, the model is loaded).
    public var settle: Duration
    /// Only prompts scheduled inside this window count.
    public var measure: Duration
    /// Bisection steps between the last good and the first bad level (0: none).
    public var refine: Int
    /// The search stops when a level adds less than this share of throughput (0.05 = 5%) twice in a row.
    public var flatGain: Double
    /// The SLOs (threshold syntax); `--slo` on the command line replaces them.
    public var slos: [ThresholdSpec]

    public init(
        levels: [Double]? = nil, start: Double = 1, factor: Double = 2, maxLevel: Double = 64,
        settle: Duration = .seconds(5), measure: Duration = .seconds(30), refine: Int = 3, flatGain: Double = 0.05,
        slos: [ThresholdSpec] = []
    ) {
        self.levels = levels
        self.start = start
        self.factor = factor
        self.maxLevel = maxLevel
        self.settle = settle
        self.measure = measure
        self.refine = refine
        self.flatGain = flatGain
        self.slos = slos
    }
}

/// How a run spreads prompts over the servers of a fleet.
public enum FleetPolicy: String, Sendable, Equatable, CaseIterable, Codable {
    /// Server i gets prompts i, i+n, i+2n, … (by sequence).
    case roundRobin = "round_robin"
    /// The server whose latest `status` reported the fewest queued prompts; ties go round robin.
    case leastQueued = "least_queued"
}
