import Foundation
import Testing

@testable import Harness

/// The `load:` and `regression:` sections: values, defaults, and their mistakes with positions.
@Suite("Load and regression sections")
struct LoadSectionTests {
    let folder: ScenarioTempFolder

    init() throws {
        folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
    }

    @Test func badDurationsRatesAndUnits() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load:
              mode: open
              rate: 12
              duration: 10 parsecs
              timeout: -5s
            monitor: {interval: soon}
            """)
        #expect(folder.positions(diagnostics) == ["6:9", "7:13", "8:12", "9:21"])
        #expect(diagnostics[0].hint == "write '12/s' or '12/min'")
        #expect(diagnostics[1].message == "bad duration for duration: unknown unit 'parsecs' in '10 parsecs'")
    }

    @Test func mutuallyExclusiveKeys() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            server: http://a:8188
            servers: [http://b:8188]
            workflows:
              sd15: {file: workflows/sd15.json}
            load:
              mode: closed
              rate: 2/s
              requests: 10
              duration: 5m
            """)
        #expect(folder.positions(diagnostics) == ["3:1", "8:3", "10:3"])
        #expect(
            diagnostics.map(\.message) == [
                "'server' and 'servers' are mutually exclusive",
                "'rate' cannot be used with mode closed",
                "'requests' and 'duration' are mutually exclusive",
            ])
    }

    @Test func missingStopCondition() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load:
              concurrency: 2
            """)
        #expect(folder.positions(diagnostics) == ["5:3"])
        #expect(diagnostics[0].message.contains("'requests', 'duration' or 'stages'"))
    }

    @Test func stagesAndOpenModeChecks() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load:
              mode: open
              concurrency: 3
              arrival: poison
              stages:
                - {for: 1m, rate: 1/s}
                - {concurrency: 2}
            """)
        #expect(folder.positions(diagnostics) == ["6:3", "7:12", "10:7", "10:7", "10:8"])
        #expect(diagnostics[1].hint == "did you mean 'poisson'?")
        #expect(diagnostics.map(\.message).contains("missing required key 'for' in stage 2"))
    }

    @Test func openModeLoads() throws {
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {rate: 12/min, arrival: poisson, arrival_seed: 7, duration: 1m30s}
            """)
        #expect(scenario.load.mode == .open)
        #expect(scenario.load.rate == 0.2)
        #expect(scenario.load.arrival == .poisson)
        #expect(scenario.load.maxInFlight == LoadSpec.defaultMaxInFlight)
        #expect(scenario.load.arrivalSeed == 7)
        #expect(scenario.load.duration == .seconds(90))
    }

    @Test func regressionSection() throws {
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json, seed: 42}
            load: {requests: 1}
            regression:
              seeds: [7]
              baselines: baselines/x
              tolerance: {psnr_min: 35, changed_tiles_max: 2%}
              cache_none: true
            """)
        let regression = try #require(scenario.regression)
        #expect(regression.baselines == folder.path + "/baselines/x")
        #expect(regression.tolerance == .custom(ToleranceLimits(psnrMin: 35, changedTilesMax: 0.02)))
        #expect(regression.cacheNone)
        #expect(scenario.workflows[0].seed == .fixed(42))
        // A fixed load seed means cache hits after the first prompt: allowed, with a warning at `seed`.
        #expect(scenario.warnings.map { "\($0.location.line):\($0.location.column)" } == ["3:37"])
        #expect(scenario.warnings.first?.message.contains("from cache") == true)
    }

    @Test func badRegressionAndSeed() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json, seed: randm}
            load: {requests: 1}
            regression: {seeds: [], tolerance: equivalant}
            """)
        #expect(folder.positions(diagnostics) == ["3:43", "5:13", "5:21", "5:36"])
        #expect(diagnostics[0].hint == "did you mean 'random'?")
        #expect(diagnostics[3].hint == "did you mean 'equivalent'?")
    }
}
