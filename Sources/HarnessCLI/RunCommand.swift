import ArgumentParser
import Foundation
import Harness

/// `comfy-harness run`: replays a scenario against a server and writes the report folder.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run a scenario's load (and regression checks) against a ComfyUI server.")

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Server URL; overrides the scenario's `server`. Repeat for a fleet.")
    var server: [String] = []

    @Option(help: "Report folder (default reports/<scenario>/<UTC time>/).")
    var output: String?

    @OptionGroup var serverOptions: ServerOptions

    @Flag(name: .customLong("no-preflight"), help: "Skip checking the workflows against the server's /object_info.")
    var noPreflight = false

    @Flag(name: .customLong("no-cancel"), help: "On Ctrl-C, leave this run's prompts on the server.")
    var noCancel = false

    @Flag(help: "Print only the final summary.")
    var quiet = false

    @Flag(help: "Print the run summary as JSON on stdout.")
    var json = false

    func run() async throws {
        do {
            let loaded = try ScenarioLoader.load(path: scenario, serverOverride: server.first)
            var options = try serverOptions.runOptions(servers: server, output: output, preflight: !noPreflight)
            options.cancelOnStop = !noCancel
            let report = try await RunExecution.execute(loaded, options: options, quiet: quiet || json)
            if json {
                Console.json(SummaryTable.json(report))
            } else {
                Console.out(SummaryTable.render(report, directory: RunExecution.lastDirectory ?? ""))
            }
            let code = RunExecution.exitCode(for: report)
            if code != 0 { throw ExitCode(code) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
