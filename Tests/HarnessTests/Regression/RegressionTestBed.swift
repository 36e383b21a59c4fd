import ComfySimulator
import Foundation

@testable import Harness

/// A simulator with a chosen look (drift, regression patch, GPU name, cache mode) and a
/// regression-only scenario (`requests: 0`) whose baselines live in `<folder>/baselines`.
struct RegressionTestBed {
    let bed: DriverTestBed

    var folder: String { bed.folder }
    var baselines: String { bed.folder + "/baselines" }
    var reportDirectory: String { bed.folder + "/report" }

    static func start(
        drift: Bool = false, regression: RegressionKnob? = nil, gpu: String = "NVIDIA Test GPU", cacheNone: Bool = false,
        folder: String? = nil, step: Double = 0.001
    ) async throws -> RegressionTestBed {
        var configuration = SimulatorConfiguration()
        configuration.timeScale = 1
        configuration.profile = DriverTestBed.profile(step: step)
        configuration.profile.name = gpu
        configuration.cacheMode = cacheNone ? .none : .classic
        configuration.drift = drift
        configuration.regression = regression
        let simulator = ComfySimulator(configuration: configuration)
        try await simulator.start()
        let path = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("regression-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return RegressionTestBed(bed: DriverTestBed(simulator: simulator, folder: path))
    }

    /// The scenario: the driver tests' workflow at `size`², regression on `seeds`.
    func scenario(
        seeds: [Int] = [42, 7], size: Int = 128, cacheNone: Bool = false, tolerance: String = "equivalent", requests: Int = 0,
        workflowTolerance: String? = nil
    ) throws
        -> Scenario
    {
        let workflow = DriverTestBed.workflow().replacingOccurrences(
            of: "\"width\": 64, \"height\": 64", with: "\"width\": \(size), \"height\": \(size)")
        return try bed.scenario(
            load: "mode: closed\nrequests: \(requests)\ntimeout: 30s", workflow: workflow,
            seed: "random" + (workflowTolerance.map { "\n    tolerance: \($0)" } ?? ""),
            extra: """
                regression:
                  seeds: [\(seeds.map(String.init).joined(separator: ", "))]
                  baselines: baselines
                  tolerance: \(tolerance)
                  cache_none: \(cacheNone)
                """)
    }

    func record(_ scenario: Scenario) async throws -> BaselineManifest {
        try await BaselineRecorder.record(scenario, options: RunOptions())
    }

    func run(_ scenario: Scenario) async throws -> RunReport {
        try? FileManager.default.removeItem(atPath: reportDirectory)
        return try await bed.run(scenario).report
    }

    /// Stops the simulator; the folder is kept when another bed shares it.
    func stop(keepFolder: Bool = false) async {
        if keepFolder {
            await bed.simulator.stop()
        } else {
            await bed.stop()
        }
    }
}

extension RunReport {
    /// Every image result of the regression pass, in order.
    var regressionImages: [RegressionSummary.ImageResult] {
        (regression?.workflows ?? []).flatMap { $0.seeds.flatMap(\.images) }
    }
}
