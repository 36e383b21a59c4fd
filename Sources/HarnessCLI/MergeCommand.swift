import ArgumentParser
import Foundation
import Harness

/// `comfy-harness merge`: one report from runs of the same scenario on several machines.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge run folders of the same scenario (several machines) into one report.",
        discussion: "Exits with the merged verdict: 0 pass, 99 a threshold failed, 64 different scenarios.")

    @Argument(help: "Two or more run folders.")
    var runs: [String]

    @Option(help: "The folder to write the merged report into.")
    var output: String

    @Flag(help: "Print the merged summary as JSON on stdout.")
    var json = false

    func run() async throws {
        do {
            let report = try ReportMerger.merge(runs, output: output)
            json ? Console.json(SummaryTable.json(report)) : Console.out(SummaryTable.render(report, directory: output))
            if report.verdict.exitCode != 0 { throw ExitCode(report.verdict.exitCode) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
