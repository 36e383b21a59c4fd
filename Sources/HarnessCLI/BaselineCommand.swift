import ArgumentParser
import Foundation
import Harness

/// `comfy-harness baseline`: record or approve the baseline images of a scenario's regression pass.
struct BaselineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Record or approve regression baselines.",
        subcommands: [BaselineRecordCommand.self, BaselineApproveCommand.self])
}

/// `baseline record scenario.yaml`: runs the fixed-seed pass and writes the scenario's baselines folder.
struct BaselineRecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Run the scenario's regression pass and store its images as the baselines.")

    @Argument(help: "The scenario file (YAML or JSON) with a `regression:` section.")
    var scenario: String

    @Option(help: "Server URL; overrides the scenario's `server`.")
    var server: String?

    @OptionGroup var serverOptions: ServerOptions

    @Flag(name: .customLong("no-preflight"), help: "Skip checking the workflows against the server's /object_info.")
    var noPreflight = false

    func run() async throws {
        do {
            let loaded = try ScenarioLoader.load(path: scenario, serverOverride: server)
            let options = try serverOptions.runOptions(servers: server.map { [$0] } ?? [], preflight: !noPreflight)
            let manifest = try await BaselineRecorder.record(loaded, options: options)
            let count = manifest.workflows.values.map(\.images.count).reduce(0, +)
            Console.out("recorded \(count) baseline images for \(manifest.workflows.count) workflows in \(loaded.regression?.baselines ?? "")")
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}

/// `baseline approve <report dir>`: accepts a run's regression outputs as the new baselines.
struct BaselineApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Accept a run's regression images as the new baselines (updates manifest.json).")

    @Argument(help: "The run's report folder (holds run.json and regression/).")
    var report: String

    @Option(help: "Baseline folder to write (default: the one the run compared against).")
    var baselines: String?

    func run() async throws {
        do {
            let outcome = try BaselineApprover.approve(reportDirectory: report, baselines: baselines)
            Console.out("approved \(outcome.images) images into \(outcome.folder)")
            for line in outcome.skipped { Console.out("skipped \(line)") }
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
