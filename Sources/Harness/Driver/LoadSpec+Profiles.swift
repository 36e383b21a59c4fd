/// The scenario's load section as the driver's pure functions of time.
extension LoadSpec {
    /// Closed model: client count over time.
    public var concurrencyProfile: LoadProfile {
        profile(base: Double(concurrency)) { $0.concurrency.map(Double.init) }
    }

    /// Open model: arrivals per second over time.
    public var rateProfile: LoadProfile {
        profile(base: rate ?? 0) { $0.rate }
    }

    /// Constant spacing, or Poisson with the scenario's seed (or one fixed per run).
    public func arrivalProcess(runSeed: UInt64) -> ArrivalSchedule.Process {
        arrival == .poisson ? .poisson(seed: arrivalSeed ?? runSeed) : .constant
    }

    /// When the run stops issuing prompts: `duration`, or the stages' total.
    public var effectiveDuration: Double? {
        (duration ?? stagesDuration)?.seconds
    }

    /// Prompts to send in all: the measured `requests` plus the warm-up ones before them.
    public var totalRequests: Int? {
        // `requests: 0` (regression only) sends nothing, warm-up included.
        requests.map { $0 == 0 ? 0 : $0 + warmup }
    }

    /// Starts at `base`; each stage ramps linearly to its target or steps to it at its start, then holds.
    private func profile(base: Double, target: (LoadStage) -> Double?) -> LoadProfile {
        var points = [LoadProfile.Point(time: 0, level: base)]
        var time = 0.0, level = base
        for stage in stages {
            let next = target(stage) ?? level
            if !stage.ramp { points.append(.init(time: time, level: next)) }
            time += stage.duration.seconds
            points.append(.init(time: time, level: next))
            level = next
        }
        return LoadProfile(points: points)
    }
}
