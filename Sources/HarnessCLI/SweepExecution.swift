import Foundation
import Harness

/// Runs a sweep with Ctrl-C wired to a clean stop (finish the current step's prompts, cancel the
/// rest on the server, report the steps measured so far) and a live row per step on stderr.
enum SweepExecution {
    nonisolated(unsafe) static var lastDirectory: String?

    static func execute(_ scenario: Scenario, spec: SweepSpec, options: RunOptions, live: Bool) async throws -> SweepResult {
        let runner = SweepRunner(scenario: scenario, spec: spec, options: options)
        lastDirectory = runner.directory
        let signals = SignalTrap { count, _ in
            if count == 1 {
                CommandFailure.printError("\nstopping the sweep after this step (Ctrl-C again to quit now)")
                runner.requestStop()
            } else {
                exit(130)
            }
        }
        defer { signals.cancel() }
        let mode = scenario.load.mode.rawValue
        let statistic = spec.slos.first { $0.metric == "queue_wait" }?.statistic ?? "p95"
        if live { CommandFailure.printError(CapacityTable.header(mode: mode, statistic: statistic)) }
        return try await runner.run { step in
            if live { CommandFailure.printError(CapacityTable.row(step, mode: mode, statistic: statistic)) }
        }
    }

    static func json(_ result: SweepResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return (try? encoder.encode(result)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}
