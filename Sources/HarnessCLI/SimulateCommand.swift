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

    @Option(
        name: .customLong("records-out"),
        help: "On SIGINT/SIGTERM, write the simulator's own record of every prompt here as JSONL, then exit (ground truth for benchmarks).")
    var recordsOut: String?

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
        Console.out("simulated ComfyUI listening on \(simulator.baseURL) (time scale \(timeScale)); Ctrl-C to stop")  // unbuffered: a script reading the port from a pipe needs it now
        guard let recordsOut else {
            try await simulator.runUntilCancelled()
            return
        }
        try await serveThenWriteRecords(simulator, to: recordsOut)
    }

    /// Serves until the first SIGINT/SIGTERM, then writes the records (a second signal quits at once).
    /// The file is created before serving, so a path that cannot be written fails before any load.
    private func serveThenWriteRecords(_ simulator: ComfySimulator, to path: String) async throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            await simulator.stop()
            CommandFailure.printError("error: cannot create --records-out file '\(path)' — check that its folder exists and is writable")
            throw ExitCode(64)
        }
        let serving = Task { try await simulator.runUntilCancelled() }
        let signals = SignalTrap { count, _ in
            if count == 1 { serving.cancel() } else { Foundation.exit(130) }
        }
        defer { signals.cancel() }
        try await serving.value
        let records = await simulator.records()
        var text = records.map(\.jsonLine).joined(separator: "\n")
        if !records.isEmpty { text += "\n" }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            CommandFailure.printError("error: cannot write --records-out file '\(path)': \(error)")
            throw ExitCode(1)
        }
        Console.out("wrote \(records.count) prompt records to \(path)")
    }
}
