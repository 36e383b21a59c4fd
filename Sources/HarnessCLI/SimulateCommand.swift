import ArgumentParser
import ComfySimulator
import Foundation

/// `comfy-harness simulate`: runs the built-in simulated ComfyUI server until interrupted.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate", abstract: "Run a simulated ComfyUI 0.8.0 server (for demos and tests).")

    @Option(help: "Address to bind; loopback unless you mean otherwise.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8188

    @Option(name: .customLong("time-scale"), help: "Multiply every simulated duration (0 = no work time).")
    var timeScale = 1.0

    @Flag(help: "Add ±1-level noise to outputs (another GPU's numerical drift).")
    var drift = false

    @Flag(name: .customLong("cache-none"), help: "Behave like a server started with --cache-none.")
    var cacheNone = false

    @Option(name: .customLong("regression-patch"), help: "Change an N×N patch at (N, N) of every output (a simulated model regression).")
    var regressionPatch: Int?

    func run() async throws {
        var configuration = SimulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.timeScale = timeScale
        configuration.drift = drift
        configuration.cacheMode = cacheNone ? .none : .classic
        configuration.regression = regressionPatch.map { RegressionKnob.patch(size: $0, x: $0, y: $0) }
        let simulator = ComfySimulator(configuration: configuration)
        do {
            try await simulator.start()
        } catch {
            throw CommandFailure.exit(for: error)
        }
        Console.out("simulated ComfyUI listening on \(simulator.baseURL) (time scale \(timeScale)); Ctrl-C to stop")
        try await simulator.runUntilCancelled()
    }
}
