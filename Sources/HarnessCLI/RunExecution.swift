import Dispatch
import Foundation
import Harness

/// Runs a session with Ctrl-C/SIGTERM wired to a clean stop: the first signal stops new prompts
/// and cancels this run's prompts on the server, and everything recorded is still written; the
/// second exits at once. A run stopped by a signal exits 128 + the signal number (130 for Ctrl-C).
enum RunExecution {
    nonisolated(unsafe) static var lastDirectory: String?
    /// The signal that stopped the last run (SIGINT or SIGTERM), if one did.
    nonisolated(unsafe) static var stopSignal: Int32?

    static func execute(_ scenario: Scenario, options: RunOptions, quiet: Bool) async throws -> RunReport {
        let session = RunSession(scenario: scenario, options: options)
        lastDirectory = session.directory
        stopSignal = nil
        let signals = SignalTrap { count, signalNumber in
            if count == 1 {
                stopSignal = signalNumber
                CommandFailure.printError("\nstopping: no new prompts; cancelling this run's prompts on the server (Ctrl-C again to quit now)")
                session.requestStop()
            } else {
                exit(130)
            }
        }
        defer { signals.cancel() }
        let printer = quiet || !ProgressPrinter.isTerminal ? nil : ProgressPrinter()
        return try await session.run(progress: printer)
    }
}

/// Catches SIGINT and SIGTERM on a dispatch queue and counts them.
final class SignalTrap: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0
    private let queue = DispatchQueue(label: "comfy-harness.signals")

    init(handler: @escaping @Sendable (Int, Int32) -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [unowned self] in
                self.count += 1
                handler(self.count, signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

extension RunExecution {
    /// The exit code for a finished run: the verdict's, unless a signal stopped it.
    static func exitCode(for report: RunReport) -> Int32 {
        if let signal = stopSignal { return 128 + signal }
        return report.verdict.exitCode
    }
}
