import ArgumentParser
import ComfySimulator
import Foundation
import Harness

/// `comfy-harness demo`: starts the simulator in-process on a free loopback port and runs
/// `scenarios/demo.yaml` against it: the whole tool in well under a minute, no GPU needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run scenarios/demo.yaml against the built-in simulator.")

    @Option(help: "The scenario to run.")
    var scenario = "scenarios/demo.yaml"

    @Option(name: .customLong("time-scale"), help: "The simulator's time scale (1 = a fast GPU's real timings).")
    var timeScale = 0.05

    @Option(help: "Report folder (default reports/<scenario>/<UTC time>/).")
    var output: String?

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func run() async throws {
        do {
            guard FileManager.default.fileExists(atPath: scenario) else {
                throw HarnessError.usage(message: "\(scenario): no such file", hint: "run the demo from the repository's root folder")
            }
            var configuration = SimulatorConfiguration()
            configuration.timeScale = timeScale
            let simulator = ComfySimulator(configuration: configuration)
            try await simulator.start()
            print("simulated ComfyUI on \(simulator.baseURL) (time scale \(timeScale))")
            let loaded = try ScenarioLoader.load(path: scenario, serverOverride: simulator.baseURL)
            var options = RunOptions()
            options.outputDirectory = output
            options.servers = [simulator.baseURL]
            let report = try await RunExecution.execute(loaded, options: options, quiet: quiet)
            await simulator.stop()
            print(SummaryTable.render(report, directory: RunExecution.lastDirectory ?? ""))
            let code = RunExecution.exitCode(for: report)
            if code != 0 { throw ExitCode(code) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
