import ArgumentParser
import ComfySimulator
import Foundation
import Harness

/// `comfy-harness demo`: starts the simulator in-process on a free loopback port and runs
/// `scenarios/demo.yaml` against it: the whole tool in well under a minute, no GPU needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run scenarios/demo.yaml against the built-in simulator.")

    @Option(help: "The scenario to run (one with a `sweep:` section runs as a capacity sweep).")
    var scenario: String?

    @Flag(help: "Run the capacity sweep demo (scenarios/demo-sweep.yaml).")
    var sweep = false

    @Option(name: .customLong("time-scale"), help: "The simulator's time scale (1 = a fast GPU's real timings; default 0.05, 1 for a sweep).")
    var timeScale: Double?

    @Option(help: "Report folder (default reports/<scenario>/<UTC time>/).")
    var output: String?

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func run() async throws {
        let scenario = self.scenario ?? (sweep ? "scenarios/demo-sweep.yaml" : "scenarios/demo.yaml")
        do {
            guard FileManager.default.fileExists(atPath: scenario) else {
                throw HarnessError.usage(message: "\(scenario): no such file", hint: "run the demo from the repository's root folder")
            }
            var configuration = SimulatorConfiguration()
            // The scenario first: a sweep needs GPU-like timings (scale 1) so sampling, not PNG work, dominates.
            let loaded = try ScenarioLoader.load(path: scenario)
            let isSweep = sweep || loaded.sweep != nil
            let timeScale = self.timeScale ?? (isSweep ? 1 : 0.05)
            configuration.timeScale = timeScale
            let simulator = ComfySimulator(configuration: configuration)
            try await simulator.start()
            Console.out("simulated ComfyUI on \(simulator.baseURL) (time scale \(timeScale))")
            var options = RunOptions()
            options.outputDirectory = output
            options.servers = [simulator.baseURL]
            if isSweep {
                let spec = try SweepOverrides(slo: [], levels: nil, max: nil, settle: nil, measure: nil, refine: nil).apply(to: loaded)
                let result = try await SweepExecution.execute(loaded, spec: spec, options: options, live: !quiet)
                await simulator.stop()
                Console.out(CapacityTable.render(result, directory: SweepExecution.lastDirectory ?? ""))
                if result.exitCode != 0 { throw ExitCode(result.exitCode) }
                return
            }
            let report = try await RunExecution.execute(loaded, options: options, quiet: quiet)
            await simulator.stop()
            Console.out(SummaryTable.render(report, directory: RunExecution.lastDirectory ?? ""))
            let code = RunExecution.exitCode(for: report)
            if code != 0 { throw ExitCode(code) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
