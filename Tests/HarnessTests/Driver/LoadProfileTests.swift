import Testing

@testable import Harness

@Suite("Load profiles and arrival schedules")
struct LoadProfileTests {
    @Test("a constant rate puts arrival k at k/rate, the first at zero")
    func constantArrivals() {
        var schedule = ArrivalSchedule(profile: LoadProfile(constant: 4), process: .constant)
        let times = (0..<9).compactMap { _ in schedule.next() }
        #expect(times.count == 9)
        for (index, time) in times.enumerated() {
            #expect(abs(time - Double(index) / 4) < 1e-9)
        }
    }

    @Test("a linear ramp's cumulative count is the area under it, and inverting it gives back the time")
    func rampInversion() {
        // 0 → 10/s over 10 s, then 10/s held: 50 arrivals by t = 10, 150 by t = 20.
        let profile = LoadProfile(stages: [(seconds: 0, target: 0), (seconds: 10, target: 10)])
        #expect(abs(profile.cumulative(at: 10) - 50) < 1e-9)
        #expect(abs(profile.cumulative(at: 20) - 150) < 1e-9)
        for target in [0.5, 12.5, 50, 99, 150] {
            let time = profile.time(whenCumulativeReaches: target)!
            #expect(abs(profile.cumulative(at: time) - target) < 1e-6)
        }
        #expect(profile.level(at: 5) == 5)
    }

    @Test("Poisson arrivals average the configured rate and are reproducible per seed")
    func poissonRate() {
        var first = ArrivalSchedule(profile: LoadProfile(constant: 20), process: .poisson(seed: 42))
        var second = ArrivalSchedule(profile: LoadProfile(constant: 20), process: .poisson(seed: 42))
        var last = 0.0
        for _ in 0..<20_000 {
            last = first.next()!
            #expect(second.next() == last)
        }
        // 20,000 arrivals at 20/s take 1,000 s; the relative standard error is 1/sqrt(20,000) ≈ 0.7%.
        #expect(abs(last - 1000) / 1000 < 0.02)
        var other = ArrivalSchedule(profile: LoadProfile(constant: 20), process: .poisson(seed: 7))
        var again = ArrivalSchedule(profile: LoadProfile(constant: 20), process: .poisson(seed: 42))
        #expect(other.next() != again.next())
    }

    @Test("a rate that drops to zero ends the schedule")
    func zeroRateEnds() {
        var schedule = ArrivalSchedule(profile: LoadProfile(stages: [(seconds: 1, target: 2), (seconds: 1, target: 0)]), process: .constant)
        var count = 0
        while schedule.next() != nil { count += 1 }
        // ∫ = 2·1 + ½·2·1 = 3 arrivals worth; arrivals at cumulative 0, 1, 2, 3.
        #expect(count == 4)
    }

    @Test("closed-model concurrency steps through the stages")
    func concurrencyStages() {
        let profile = LoadProfile(stages: [(seconds: 10, target: 1), (seconds: 0, target: 8), (seconds: 10, target: 8)])
        #expect(profile.level(at: 5) == 1)
        #expect(profile.level(at: 15) == 8)
        #expect(profile.level(at: 100) == 8)
    }
}
