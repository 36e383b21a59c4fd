import ArgumentParser
import ComfyClient
import Foundation
import Harness

/// `comfy-harness info`: what a server is and how busy it is, in a few lines.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Show a server's ComfyUI/PyTorch versions, device, VRAM and queue.")

    @Option(help: "The ComfyUI server URL.")
    var server = "http://127.0.0.1:8188"

    @OptionGroup var serverOptions: ServerOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        do {
            let endpoint = try ServerEndpoint(url: server, authorization: try serverOptions.authorization(), insecure: serverOptions.insecure)
            let client = ComfyClient(endpoint: endpoint, timeout: .seconds(10))
            let stats = try await client.systemStats()
            let queue = try await client.queueRemaining()
            let summary = ServerSummary(server: SecretRedactor.redactURL(endpoint.baseURL), stats: stats, queueRemaining: queue)
            json ? Console.json(summary.json) : Console.out(summary.text)
        } catch {
            throw CommandFailure.exit(for: error)
        }
    }
}
