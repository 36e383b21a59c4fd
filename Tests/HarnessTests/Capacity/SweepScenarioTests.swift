import Foundation
import Testing

@testable import Harness

/// The `sweep:`, `fleet:` and `load.idle_sockets` keys, `--slo` and the sweep options: values,
/// defaults, and mistakes reported like a compiler, every one at once.
@Suite("Sweep scenario syntax")
struct SweepScenarioTests {
    let folder: ScenarioTempFolder

    init() throws {
        folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
    }

    @Test func closedSweepSectionFleetAndIdleSockets() throws {
        let scenario = try folder.load(
            """
            version: 1
            servers: [http://a:8188, http://b:8188]
            fleet: least_queued
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {mode: closed, concurrency: 2, requests: 10, idle_sockets: 5}
            sweep:
              start: 2
              factor: 3
              max: 40
              settle: 3s
              measure: 20s
              refine: 2
              flat_gain: 10%
              slo: {queue_wait.p95: < 30s, errors.rate: < 1%}
            """)
        #expect(scenario.fleet == .leastQueued)
        #expect(scenario.load.idleSockets == 5)
        let sweep = try #require(scenario.sweep)
        #expect(SweepPlan(spec: sweep, mode: .closed).searchLevels == [2, 6, 18])
        #expect(sweep.settle == .seconds(3))
        #expect(sweep.measure == .seconds(20))
        #expect(sweep.refine == 2)
        #expect(sweep.flatGain == 0.1)
        #expect(sweep.slos.map(\.key) == ["queue_wait.p95", "errors.rate"])
    }

    @Test func openSweepLevelsAreRates() throws {
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {mode: open, rate: 6/min, duration: 1m}
            sweep: {levels: [6/min, 12/min, 1/s]}
            """)
        #expect(scenario.sweep?.levels == [0.1, 0.2, 1])
        #expect(scenario.fleet == .roundRobin)
        #expect(scenario.load.idleSockets == 0)
    }

    @Test func mistakesAreReportedWithPositions() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            fleet: least_busy
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {mode: closed, concurrency: 2, requests: 10, idle_sockets: -1}
            sweep:
              levels: [4, 2, 12/min]
              factor: 1
              settle: soon
              measure: 10s
              refine: -3
              slo: {queue_wait.p95: 30s, queue_time.p95: < 1s}
              mesure: 5s
            """)
        #expect(
            folder.positions(diagnostics) == [
                "2:8", "5:66", "7:11", "7:18", "8:3", "8:11", "9:11", "11:11", "12:9", "12:30", "13:3",
            ], "\(diagnostics.map(\.description))")
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("sweep levels must increase"))
        #expect(messages.contains("a sweep level is a rate but the mode is closed"))
        #expect(messages.contains("'factor' cannot be used with 'levels'"))
        #expect(messages.contains("unknown key 'mesure' in sweep"))
        #expect(diagnostics.first { $0.message == "unknown key 'mesure' in sweep" }?.hint == "did you mean 'measure'?")
        #expect(diagnostics.first?.message == "expected one of round_robin, least_queued for fleet, found the string 'least_busy'")
    }

    @Test func sloArgumentsUseTheThresholdRules() throws {
        let slo = try SLOArgument.parse("queue_wait.p95 < 30s")
        #expect(slo.key == "queue_wait.p95")
        #expect(slo.value == 30)
        #expect(try SLOArgument.parse("throughput.images_per_min >= 12/min").value == 12)
        let unknown = #expect(throws: ScenarioError.self) { try SLOArgument.parse("queue_wiat.p95 < 30s") }
        #expect(unknown?.diagnostics.first?.hint == "did you mean 'queue_wait'?")
        let missing = #expect(throws: ScenarioError.self) { try SLOArgument.parse("queue_wait.p95 30s") }
        #expect(missing?.diagnostics.first?.description.hasPrefix("--slo 'queue_wait.p95 30s':1:1: error:") == true)
    }

    @Test func commandLineOverridesTheSection() throws {
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {mode: open, rate: 6/min, duration: 1m}
            """)
        let spec = try SweepOverrides(
            slo: ["latency.p99 < 2m"], levels: "6/min,30/min", max: nil, settle: "1s", measure: "1m", refine: 0
        ).apply(to: scenario)
        #expect(spec.levels == [0.1, 0.5])
        #expect(spec.settle == .seconds(1))
        #expect(spec.measure == .seconds(60))
        #expect(spec.refine == 0)
        #expect(spec.slos.first?.value == 120)
        #expect(throws: HarnessError.self) {
            try SweepOverrides(slo: [], levels: "30/min,6/min", max: nil, settle: nil, measure: nil, refine: nil).apply(to: scenario)
        }
        #expect(throws: HarnessError.self) {
            try SweepOverrides(slo: [], levels: "6", max: nil, settle: nil, measure: nil, refine: nil).apply(to: scenario)
        }
        #expect(throws: HarnessError.self) {
            try SweepOverrides(slo: [], levels: nil, max: nil, settle: "-1s", measure: nil, refine: nil).apply(to: scenario)
        }
        let defaults = SweepOverrides.defaults(for: .open)
        #expect(SweepPlan(spec: defaults, mode: .open).searchLevels.first == 1.0 / 60)
    }
}
