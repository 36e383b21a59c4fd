import ArgumentParser
import Foundation
import Harness

/// `comfy-harness report`: rebuilds a run folder's run.json, index.html and junit.xml from its files.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate run.json, index.html and junit.xml from a run folder (or its samples.jsonl).",
        discussion: "Exits with the regenerated verdict: 0 pass, 99 a threshold failed.")

    @Argument(help: "A run folder, or the samples.jsonl inside one.")
    var path: String

    @Option(help: "Write the reports here instead of into the run folder.")
    var output: String?

    @Flag(help: "Print the summary as JSON on stdout.")
    var json = false

    func run() async throws {
        do {
            let report = try ReportRegenerator.regenerate(path, output: output)
            if json {
                Console.json(SummaryTable.json(report))
            } else {
                let directory = try output ?? RunFolder(locating: path).directory
                Console.out(SummaryTable.render(report, directory: directory))
                for note in report.notes ?? [] { CommandFailure.printError("note: \(note)") }
            }
            if report.verdict.exitCode != 0 { throw ExitCode(report.verdict.exitCode) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
