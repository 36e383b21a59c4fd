/// A piecewise-linear load level over time: the concurrency of a closed run or the arrival rate
/// (per second) of an open run, built from the scenario's stages.
///
/// Each stage ramps linearly from the previous stage's target to its own over its duration (k6's
/// ramping executors); the first stage starts at its own target, so a single stage is a constant
/// level. After the last stage the level holds at the last target.
public struct LoadProfile: Sendable, Equatable {
    /// One corner of the piecewise-linear curve: `level` reached at `time` seconds.
    public struct Point: Sendable, Equatable {
        public let time: Double
        public let level: Double

        public init(time: Double, level: Double) {
            self.time = time
            self.level = level
        }
    }

    public let points: [Point]

    /// The curve through these corners (times non-decreasing; equal times make a step).
    public init(points: [Point]) {
        self.points = points.isEmpty ? [Point(time: 0, level: 0)] : points
    }

    /// A constant level for the whole run.
    public init(constant level: Double) {
        points = [Point(time: 0, level: level)]
    }

    /// Stages as (duration in seconds, target level) pairs; an empty list is a constant zero level.
    public init(stages: [(seconds: Double, target: Double)]) {
        guard let first = stages.first else {
            points = [Point(time: 0, level: 0)]
            return
        }
        var built = [Point(time: 0, level: first.target)]
        var time = 0.0
        for stage in stages {
            time += max(0, stage.seconds)
            built.append(Point(time: time, level: stage.target))
        }
        points = built
    }

    /// Total duration of the stages (0 for a constant profile).
    public var duration: Double { points.last?.time ?? 0 }

    /// The level at `time` seconds since the start.
    public func level(at time: Double) -> Double {
        guard time > 0 else { return points[0].level }
        for index in 1..<max(points.count, 1) where time <= points[index].time {
            let a = points[index - 1], b = points[index]
            let span = b.time - a.time
            return span > 0 ? a.level + (b.level - a.level) * (time - a.time) / span : b.level
        }
        return points.last?.level ?? 0
    }

    /// ∫₀ᵗ level: for an arrival rate, the expected number of arrivals by `time`.
    public func cumulative(at time: Double) -> Double {
        guard time > 0 else { return 0 }
        var total = 0.0
        for index in 1..<max(points.count, 1) {
            let a = points[index - 1], b = points[index]
            if time <= b.time {
                return total + area(from: a, to: b, until: time)
            }
            total += area(from: a, to: b, until: b.time)
        }
        let last = points.last ?? Point(time: 0, level: 0)
        return total + last.level * (time - last.time)
    }

    /// The time at which `cumulative` reaches `target`, or nil when the level stays at zero forever
    /// before reaching it. The inverse of `cumulative`; solves the ramp's quadratic in closed form.
    public func time(whenCumulativeReaches target: Double) -> Double? {
        guard target > 0 else { return 0 }
        var total = 0.0
        for index in 1..<max(points.count, 1) {
            let a = points[index - 1], b = points[index]
            let segment = area(from: a, to: b, until: b.time)
            if total + segment >= target {
                return a.time + offsetWithinRamp(from: a, to: b, needed: target - total)
            }
            total += segment
        }
        let last = points.last ?? Point(time: 0, level: 0)
        guard last.level > 0 else { return nil }
        return last.time + (target - total) / last.level
    }

    private func area(from a: Point, to b: Point, until time: Double) -> Double {
        let span = b.time - a.time
        guard span > 0 else { return 0 }
        let t = min(max(time - a.time, 0), span)
        let slope = (b.level - a.level) / span
        return a.level * t + 0.5 * slope * t * t
    }

    /// Solves a.level·t + ½·slope·t² = needed for t in [0, span].
    private func offsetWithinRamp(from a: Point, to b: Point, needed: Double) -> Double {
        let span = b.time - a.time
        let slope = (b.level - a.level) / span
        if abs(slope) < 1e-12 { return a.level > 0 ? needed / a.level : span }
        let discriminant = a.level * a.level + 2 * slope * needed
        let t = (-a.level + max(discriminant, 0).squareRoot()) / slope
        return min(max(t, 0), span)
    }
}
