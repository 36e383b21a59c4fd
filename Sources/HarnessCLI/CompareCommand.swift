import ArgumentParser
import Foundation
import Harness

/// `comfy-harness compare`: two runs side by side, changes flagged only beyond run-to-run noise.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs: per-metric deltas tested against noise, VRAM, environment and output images.",
        discussion: "Exit codes: 0 no change beyond noise · 99 a metric or an image changed · 64 bad input.")

    @Argument(help: "Run A (the baseline): a run folder or its samples.jsonl.")
    var runA: String

    @Argument(help: "Run B (the candidate).")
    var runB: String

    @Option(help: "Where to write compare.html (default: run B's folder).")
    var output: String?

    @Option(help: "Significance level of the Mann-Whitney U test.")
    var alpha: Double = 0.01

    @Option(name: .customLong("min-change"), help: "Smallest relative change of a median worth flagging (0.05 = 5%).")
    var minChange: Double = 0.05

    @Flag(help: "Print the comparison as JSON on stdout.")
    var json = false

    func run() async throws {
        do {
            guard alpha > 0 && alpha < 1, minChange >= 0 else {
                throw HarnessError.usage(message: "--alpha must be in (0, 1) and --min-change ≥ 0", hint: nil)
            }
            let comparison = try RunComparator.compare(runA, runB, alpha: alpha, minChange: minChange)
            let directory = try output ?? RunFolder(locating: runB).directory
            try RunDirectory.create(directory)
            try CompareHTMLWriter.write(comparison, to: directory + "/compare.html")
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                Console.json(String(decoding: try encoder.encode(comparison), as: UTF8.self))
            } else {
                Console.out(CompareTable.render(comparison))
                Console.out("compare: \(directory)/compare.html")
            }
            if !comparison.findings.isEmpty { throw ExitCode(99) }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
