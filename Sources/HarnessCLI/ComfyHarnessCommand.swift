import ArgumentParser
import Foundation
import Harness

/// The `comfy-harness` command: load tests, regression checks and reports for ComfyUI servers.
public struct ComfyHarnessCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "comfy-harness",
        abstract: "Load-test and regression-test ComfyUI servers.",
        discussion: """
            Exit codes: 0 pass · 1 runtime failure · 64 bad usage or scenario · 99 thresholds or regression failed.
            """,
        version: HarnessVersion.current,
        subcommands: [
            RunCommand.self, ValidateCommand.self, InfoCommand.self, SimulateCommand.self, DemoCommand.self,
            BaselineCommand.self, SweepCommand.self, ReportCommand.self, CompareCommand.self, MergeCommand.self,
        ]
    )

    public init() {}
}

/// The process entry point, so the executable target stays a single line.
public enum ComfyHarnessMain {
    public static func run() async {
        await ComfyHarnessCommand.main()
    }

    /// The fewest open files the process starts with: below this the Swift runtime's own event threads
    /// (libdispatch's epoll, eventfd and timerfd) cannot start and the process would trap.
    static let minimumOpenFiles = 16

    /// Call first, before anything asynchronous: exits 1 with a clear message when `ulimit -n` is too
    /// low to run at all (after raising the soft limit toward the hard one).
    public static func requireMinimumOpenFiles() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(minimumOpenFiles) else {
            return
        }
        if limit.rlim_max >= rlim_t(minimumOpenFiles) {
            var raised = limit
            raised.rlim_cur = rlim_t(minimumOpenFiles)
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return }
        }
        let message = "error: the open-file limit (ulimit -n) is \(limit.rlim_cur); comfy-harness needs at least "
            + "\(minimumOpenFiles) to start — raise it (ulimit -n 1024)\n"
        _ = message.withCString { write(2, $0, strlen($0)) }
        exit(1)
    }
}
