import ComfySimulator
import Foundation
import Testing

@Suite("comfy-harness info, end to end")
struct InfoCommandTests {
    @Test("against the simulator it prints versions, device, VRAM and queue")
    func infoAgainstSimulator() async throws {
        let simulator = ComfySimulator(configuration: SimulatorConfiguration())
        try await simulator.start()
        defer { Task { await simulator.stop() } }
        let result = try await HarnessBinary.run(["info", "--server", simulator.baseURL])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("ComfyUI   0.8.0"))
        #expect(result.stdout.contains("NVIDIA"))
        #expect(result.stdout.contains("VRAM"))
        #expect(result.stdout.contains("queue     0 prompts"))
    }

    @Test("against a port with nothing listening it exits 1 with one actionable line")
    func infoRefused() async throws {
        let result = try await HarnessBinary.run(["info", "--server", "http://127.0.0.1:9"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("http://127.0.0.1:9"))
        #expect(result.stderr.contains("--listen"))
    }

    @Test("--version prints the harness version")
    func version() async throws {
        let result = try await HarnessBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
