import ArgumentParser
import Foundation
import Harness

/// `comfy-harness sweep`: steps the load up until an SLO breaks, then bisects, and reports the
/// knee, the saturation throughput, a USL fit and the capacity sentence.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Find the load a server sustains within an SLO (capacity planning).",
        discussion: """
            Levels are clients (closed mode) or arrival rates (open mode), from the scenario's `sweep:` section
            or exponential from 1. Each step settles, then measures; the queue drains between steps.
            Exit codes: 0 a knee was found · 99 no level met the SLOs · 64 bad usage · 1 runtime failure.
            """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "An SLO such as 'queue_wait.p95 < 30s' (threshold syntax). Repeat for several; replaces the scenario's sweep.slo.")
    var slo: [String] = []

    @Option(help: "Server URL; overrides the scenario's `server`. Repeat for a fleet.")
    var server: [String] = []

    @Option(help: "Comma-separated levels to try (clients, or rates like 12/min in open mode), instead of the exponential search.")
    var levels: String?

    @Option(help: "Highest level of the exponential search (clients; prompts per minute in open mode).")
    var max: Double?

    @Option(help: "Settle time per step (e.g. 5s).")
    var settle: String?

    @Option(help: "Measuring window per step (e.g. 30s).")
    var measure: String?

    @Option(help: "Bisection steps between the last good and the first bad level.")
    var refine: Int?

    @Option(help: "Report folder (default reports/<scenario>-sweep/<UTC time>/).")
    var output: String?

    @OptionGroup var serverOptions: ServerOptions

    @Flag(name: .customLong("no-preflight"), help: "Skip checking the workflows against the server's /object_info.")
    var noPreflight = false

    @Flag(help: "Print only the final table.")
    var quiet = false

    @Flag(help: "Print sweep.json on stdout instead of the table.")
    var json = false

    func run() async throws {
        do {
            let loaded = try ScenarioLoader.load(path: scenario, serverOverride: server.first)
            let spec = try SweepOverrides(
                slo: slo, levels: levels, max: max, settle: settle, measure: measure, refine: refine
            ).apply(to: loaded)
            let options = try serverOptions.runOptions(servers: server, output: output, preflight: !noPreflight)
            let result = try await SweepExecution.execute(loaded, spec: spec, options: options, live: !(quiet || json))
            json ? Console.json(SweepExecution.json(result)) : Console.out(CapacityTable.render(result, directory: SweepExecution.lastDirectory ?? ""))
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
