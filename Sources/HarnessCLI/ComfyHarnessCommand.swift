import ArgumentParser
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
}
