import ArgumentParser
import ComfyClient
import Harness

/// `comfy-harness validate`: every problem in a scenario at once, compiler-style, before any load.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file (and, with --server, its workflows against the server's nodes).")

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Also preflight the workflows against this server's /object_info.")
    var server: String?

    @OptionGroup var serverOptions: ServerOptions

    func run() async throws {
        do {
            let loaded = try ScenarioLoader.load(path: scenario, serverOverride: server)
            if let server {
                let endpoint = try ServerEndpoint(url: server, authorization: try serverOptions.authorization(), insecure: serverOptions.insecure)
                let connection = ServerConnection(endpoint: endpoint)
                defer { Task { await connection.close() } }
                _ = try await Preflight.check(loaded, on: connection)
            }
            Console.out("\(scenario): ok — \(loaded.workflows.count) workflow\(loaded.workflows.count == 1 ? "" : "s"), \(loaded.thresholds.count) threshold\(loaded.thresholds.count == 1 ? "" : "s")")
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
