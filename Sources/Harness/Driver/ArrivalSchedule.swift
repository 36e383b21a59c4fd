import Foundation

/// When each prompt of an open-model run is due: a pure function of the arrival index, so the
/// schedule never depends on how fast the harness or the server is (no coordinated omission:
/// latency is measured from these planned times, wrk2's method).
///
/// Constant arrivals put arrival k (from 1) where the profile's cumulative rate reaches k. Poisson
/// arrivals put it where the cumulative rate reaches the sum of k unit-mean exponential draws from
/// a seeded generator — a non-homogeneous Poisson process by time change, reproducible per seed.
public struct ArrivalSchedule: Sendable {
    /// How arrivals are spaced.
    public enum Process: Sendable, Equatable {
        case constant
        case poisson(seed: UInt64)
    }

    public let profile: LoadProfile
    public let process: Process
    private var generator: SplitMix64
    private var unitTime = 0.0
    private var issued = 0

    public init(profile: LoadProfile, process: Process) {
        self.profile = profile
        self.process = process
        if case .poisson(let seed) = process {
            generator = SplitMix64(seed: seed)
        } else {
            generator = SplitMix64(seed: 0)
        }
    }

    /// The planned time (seconds since the start) of the next arrival, or nil if the rate is zero
    /// from some point on and no further arrival will ever be due.
    public mutating func next() -> Double? {
        switch process {
        case .constant:
            unitTime = Double(issued + 1)
        case .poisson:
            // Exponential(1) by inversion; 1 − u keeps the argument of log away from zero.
            let u = generator.nextUnit()
            unitTime += -log(1 - u)
        }
        issued += 1
        // The first constant arrival is sent at t = 0 rather than after one interval.
        let target = process == .constant ? unitTime - 1 : unitTime
        return profile.time(whenCumulativeReaches: target)
    }
}

/// A small, fast, seedable generator (Steele et al.'s SplitMix64) so schedules and seeds are reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
