/// Decides the next load level of a sweep from the steps measured so far: a pure function of the
/// history, so a sweep's path can be tested (and replayed) without a server.
///
/// Search: the scenario's `levels`, or `start`, `start·factor`, … up to `max` (closed levels are
/// whole clients). It ends at the first level that breaks an SLO, when throughput rose by less
/// than `flatGain` for two levels in a row (only without SLOs: with one, flat throughput means the
/// queue is what grows, so the SLO will break and mark the knee), or at the last level. Refinement then bisects between
/// the highest good level and the lowest bad one, `refine` times at most.
public struct SweepPlan: Sendable {
    /// What the plan needs to know about a finished step.
    public struct Outcome: Sendable, Equatable {
        public var level: Double
        public var meetsSLO: Bool
        public var throughput: Double

        public init(level: Double, meetsSLO: Bool, throughput: Double) {
            self.level = level
            self.meetsSLO = meetsSLO
            self.throughput = throughput
        }
    }

    /// Why the search stopped stepping up.
    public enum StopReason: String, Sendable, Codable {
        case sloBroken = "slo_broken"
        case throughputFlat = "throughput_flat"
        case maxLevel = "max_level"
    }

    public let spec: SweepSpec
    public let mode: LoadMode

    public init(spec: SweepSpec, mode: LoadMode) {
        self.spec = spec
        self.mode = mode
    }

    /// The levels of the search phase, in order.
    public var searchLevels: [Double] {
        if let levels = spec.levels { return levels }
        var levels: [Double] = []
        var level = spec.start
        while level <= spec.maxLevel * (1 + 1e-9), levels.count < 64 {
            let value = mode == .closed ? level.rounded() : level
            if levels.last != value { levels.append(value) }
            level *= spec.factor
        }
        return levels
    }

    /// How many of the history's steps belong to the search, and why it stopped (nil: still searching).
    public func searchState(_ history: [Outcome]) -> (count: Int, stop: StopReason?) {
        let levels = searchLevels
        var flatRun = 0
        var index = 0
        while index < history.count, index < levels.count {
            if !history[index].meetsSLO { return (index + 1, .sloBroken) }
            if index > 0, spec.slos.isEmpty {
                let best = history[..<index].map(\.throughput).max() ?? 0
                flatRun = history[index].throughput < best * (1 + spec.flatGain) ? flatRun + 1 : 0
                if flatRun >= 2 { return (index + 1, .throughputFlat) }
            }
            index += 1
        }
        return (index, index >= levels.count ? .maxLevel : nil)
    }

    /// The next level to measure, or nil when the sweep is done.
    public func next(after history: [Outcome]) -> Double? {
        let levels = searchLevels
        let (searched, stop) = searchState(history)
        guard let stop else { return levels[searched] }
        guard stop == .sloBroken, history.count - searched < spec.refine else { return nil }
        guard let bad = history.filter({ !$0.meetsSLO }).map(\.level).min(),
            let good = history.filter({ $0.meetsSLO && $0.level < bad }).map(\.level).max()
        else { return nil }
        switch mode {
        case .closed:
            guard bad - good > 1 else { return nil }
            return ((good + bad) / 2).rounded(.down)
        case .open:
            // Closer than 2% is below what a measuring window can tell apart.
            guard (bad - good) / bad > 0.02 else { return nil }
            return (good + bad) / 2
        }
    }
}
