import Foundation
import Testing

@testable import Harness

/// The pure parts of capacity planning: the USL fit, the sweep's path, the knee and the sentence.
@Suite("Capacity analysis (pure functions)")
struct CapacityAnalysisTests {
    @Test("the USL fit recovers λ, α, β of a synthetic curve and its peak N* = sqrt((1−α)/β)")
    func uslRecoversParameters() throws {
        let truth = USLFit(lambda: 30, alpha: 0.06, beta: 0.0015)
        let loads: [Double] = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64]
        let fit = try #require(USLFit.fit(loads: loads, throughputs: loads.map(truth.predict)))
        #expect(abs(fit.lambda - 30) / 30 < 0.01, "λ \(fit.lambda)")
        #expect(abs(fit.alpha - 0.06) < 0.002, "α \(fit.alpha)")
        #expect(abs(fit.beta - 0.0015) / 0.0015 < 0.02, "β \(fit.beta)")
        #expect(fit.rSquared > 0.999)
        let peak = try #require(fit.peakLoad)
        #expect(abs(peak - (0.94 / 0.0015).squareRoot()) / 25 < 0.02, "N* \(peak)")
    }

    @Test("the USL fit of noisy points stays close, and a plateau is followed")
    func uslNoiseAndPlateau() throws {
        let truth = USLFit(lambda: 12, alpha: 0.2, beta: 0.01)
        let loads: [Double] = [1, 2, 3, 4, 6, 8, 12, 16]
        let noise: [Double] = [1.01, 0.99, 1.02, 0.98, 1.0, 1.01, 0.99, 1.0]
        let fit = try #require(USLFit.fit(loads: loads, throughputs: zip(loads, noise).map { truth.predict($0) * $1 }))
        #expect(abs(fit.lambda - 12) / 12 < 0.05)
        let peak = try #require(fit.peakLoad)
        #expect(abs(peak - (0.8 / 0.01).squareRoot()) / 8.94 < 0.15, "N* \(peak)")
        // One worker: throughput flat from 2 clients on.
        let flat = try #require(USLFit.fit(loads: [1, 2, 4, 8], throughputs: [1400, 1500, 1500, 1500]))
        for (load, measured) in zip([1.0, 2, 4, 8], [1400.0, 1500, 1500, 1500]) {
            #expect(abs(flat.predict(load) - measured) / measured < 0.03, "N=\(load): \(flat.predict(load))")
        }
        #expect(flat.alpha <= 1)
        #expect(USLFit.fit(loads: [4, 4], throughputs: [1, 1]) == nil)
    }

    static func outcome(_ level: Double, _ good: Bool, _ throughput: Double = 100) -> SweepPlan.Outcome {
        .init(level: level, meetsSLO: good, throughput: throughput)
    }

    static let slo = try! SLOArgument.parse("queue_wait.p95 < 30s")

    @Test("exponential search, then bisection between the last good and the first bad level")
    func planBisects() {
        let plan = SweepPlan(spec: SweepSpec(start: 1, factor: 2, maxLevel: 64, refine: 4, slos: [Self.slo]), mode: .closed)
        #expect(plan.searchLevels == [1, 2, 4, 8, 16, 32, 64])
        var history: [SweepPlan.Outcome] = []
        #expect(plan.next(after: history) == 1)
        history = [Self.outcome(1, true), Self.outcome(2, true), Self.outcome(4, true), Self.outcome(8, true)]
        #expect(plan.next(after: history) == 16)
        history.append(Self.outcome(16, false))
        #expect(plan.next(after: history) == 12)
        history.append(Self.outcome(12, true))
        #expect(plan.next(after: history) == 14)
        history.append(Self.outcome(14, false))
        #expect(plan.next(after: history) == 13)
        history.append(Self.outcome(13, true))
        #expect(plan.next(after: history) == nil)  // 13 good, 14 bad: adjacent
        // The first level already breaks the SLO: nothing to bisect.
        #expect(plan.next(after: [Self.outcome(1, false)]) == nil)
    }

    @Test("without SLOs the search stops once throughput is flat for two levels; refinement budget holds")
    func planStopsWhenFlat() {
        let flat = SweepPlan(spec: SweepSpec(start: 1, maxLevel: 64), mode: .closed)
        let history = [Self.outcome(1, true, 90), Self.outcome(2, true, 100), Self.outcome(4, true, 101), Self.outcome(8, true, 100)]
        #expect(flat.searchState(Array(history.prefix(3))).stop == nil)
        #expect(flat.searchState(history).stop == .throughputFlat)
        #expect(flat.next(after: history) == nil)
        let open = SweepPlan(spec: SweepSpec(levels: [1, 2, 4], refine: 1, slos: [Self.slo]), mode: .open)
        #expect(open.next(after: [Self.outcome(1, true), Self.outcome(2, false)]) == 1.5)
        #expect(open.next(after: [Self.outcome(1, true), Self.outcome(2, false), Self.outcome(1.5, true)]) == nil)
    }

    static func step(_ level: Double, _ perMinute: Double, wait: Double, good: Bool) -> SweepStep {
        let summary = MetricSummary(
            count: 10, min: wait, mean: wait, p50: wait, p90: wait, p95: wait, p99: wait, max: wait, stddev: 0, buckets: [])
        return SweepStep(
            level: level, phase: "search", prompts: 10, promptsPerMinute: perMinute, imagesPerMinute: perMinute * 2,
            windowSeconds: 10, latency: nil, queueWait: summary, exec: nil, stepTimeP50: nil, vramPeak: nil, errors: 0,
            errorRate: 0, meanInFlight: level, littleRatio: 1, slo: [], meetsSLO: good, perServer: nil)
    }

    @Test("knee, saturation, queue-wait growth and the capacity sentence")
    func kneeAndSentence() {
        let steps = [
            Self.step(1, 50, wait: 0, good: true), Self.step(2, 60, wait: 12, good: true),
            Self.step(4, 60, wait: 36, good: false), Self.step(3, 61, wait: 24, good: true),
        ]
        let findings = SweepAnalysis.findings(steps, context: .init(mode: .closed, slos: [Self.slo], flatGain: 0.05, servers: 1))
        #expect(findings.knee?.level == 3)
        #expect(findings.saturation?.level == 3)
        #expect(findings.queueWaitGrowth == 12)
        #expect(
            findings.sentence
                == "At queue_wait.p95 < 30s this server sustains 122.0 images/min at concurrency 3; beyond 3 queue wait (p95) grows by 12.000 s per added client.")
        let none = SweepAnalysis.findings([Self.step(1, 50, wait: 40, good: false)], context: .init(mode: .closed, slos: [Self.slo], flatGain: 0.05, servers: 1))
        #expect(none.knee == nil)
        #expect(none.exitCode == 99)
        #expect(none.sentence.contains("even concurrency 1 breaks it"))
    }

    @Test("least-queued picks the shortest queue and rotates among ties")
    func leastQueuedTies() {
        #expect(FleetRouter.leastQueued([3, 0, 5], cursor: 0) == 1)
        #expect(FleetRouter.leastQueued([0, 0, 0], cursor: 0) == 0)
        #expect(FleetRouter.leastQueued([0, 0, 0], cursor: 1) == 1)
        #expect(FleetRouter.leastQueued([0, 2, 0], cursor: 1) == 2)
        #expect(FleetRouter.leastQueued([0, 2, 0], cursor: 3 % 3) == 0)
    }

    @Test("a fleet's throughput is the sum of each server's completion rate")
    func fleetRateIsSummedPerServer() {
        // Two servers completing in step every 0.2 s: 5/s each, 600/min together.
        var records: [PromptRecord] = []
        for server in ["http://a:8188", "http://b:8188"] {
            for index in 0..<10 {
                var record = PromptRecord(
                    promptID: "\(server)-\(index)", sequence: index, workflow: "w", seed: nil, server: server,
                    scheduledAt: 0.2 * Double(index) - 0.1)
                record.outcome = .ok
                record.sentAt = record.scheduledAt
                record.finishedAt = 0.1 + 0.2 * Double(index)
                records.append(record)
            }
        }
        let step = StepAnalyzer.analyze(
            records: records, level: 8, phase: "search", window: 0...2, monitor: nil, slos: [], servers: 2)
        #expect(abs(step.promptsPerMinute - 600) < 1e-6, "\(step.promptsPerMinute)")
        #expect(step.perServer == ["http://a:8188": 300, "http://b:8188": 300])
        #expect(abs(step.meanInFlight - 2) < 0.11)
    }

    @Test("throughput is the completion rate inside the window, not the count over its length")
    func completionRate() {
        // Four completions 0.5 s apart: 2 per second whatever the window's length.
        #expect(abs(StepAnalyzer.completionsPerMinute([1, 1.5, 2, 2.5], window: 4) * 4 - 120) < 1e-9)
        #expect(StepAnalyzer.completionsPerMinute([1], window: 4) == 15)
    }
}
