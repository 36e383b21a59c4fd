/// Reads the capacity numbers off a sweep's steps: the saturation point (highest throughput), the
/// knee (the largest load that meets every SLO) and how fast queue wait grows beyond it. Pure.
public enum KneeFinder {
    /// The step with the highest throughput.
    public static func saturation(_ steps: [SweepStep]) -> SweepStep? {
        steps.max { $0.promptsPerMinute < $1.promptsPerMinute }
    }

    /// The largest level that meets the SLOs and lies below every level that breaks them (a noisy
    /// good level above a bad one is not trusted). Without SLOs, the lightest load that reaches
    /// within `flatGain` of the saturation throughput: adding load beyond it only adds waiting.
    public static func knee(_ steps: [SweepStep], hasSLO: Bool, flatGain: Double) -> SweepStep? {
        let sorted = steps.sorted { $0.level < $1.level }
        guard hasSLO else {
            guard let best = saturation(steps)?.promptsPerMinute, best > 0 else { return nil }
            return sorted.first { $0.promptsPerMinute >= best * (1 - flatGain) }
        }
        let firstBad = sorted.first { !$0.meetsSLO }?.level ?? .infinity
        return sorted.last { $0.meetsSLO && $0.level < firstBad }
    }

    /// Seconds of queue wait added per unit of load beyond the knee: the least-squares slope of the
    /// queue wait statistic (`statistic`, e.g. p95) over the levels from the knee up; nil with fewer than two.
    public static func queueWaitGrowth(_ steps: [SweepStep], from knee: Double, statistic: String) -> Double? {
        let points = steps.filter { $0.level >= knee }.compactMap { step in
            step.queueWait?.value(of: statistic).map { (step.level, $0) }
        }
        return slope(points)
    }

    /// The least-squares slope of y over x; nil when x does not vary.
    public static func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.0 } / n, my = points.reduce(0) { $0 + $1.1 } / n
        let sxx = points.reduce(0) { $0 + ($1.0 - mx) * ($1.0 - mx) }
        guard sxx > 0 else { return nil }
        return points.reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    }
}
