import ComfyClient
import ComfySimulator
import Foundation

@testable import Harness

/// One or more simulators whose prompts take a known time T (fixed sampler steps, every other node
/// free), a scenario naming all of them, and a sweep or run against it.
struct CapacityTestBed {
    let simulators: [ComfySimulator]
    let folder: String

    /// A GPU where only the sampler costs time: `steps × step` seconds per prompt.
    static func profile(step: Double) -> GPUProfile {
        GPUProfile(
            name: "NVIDIA Capacity Test GPU", vramTotalBytes: 8 << 30, vramBaselineBytes: 1 << 29, modelBytes: 2 << 30,
            activationBytesPerMegapixel: 1 << 30, modelLoadSeconds: 0, warmLoadSeconds: 0, clipEncodeSeconds: 0,
            stepSecondsPerMegapixel: step, fixedStepSeconds: step, vaeDecodeSecondsPerMegapixel: 0,
            saveImageSeconds: 0, otherNodeSeconds: 0)
    }

    static func start(servers: Int = 1, step: Double, faults: SimulatorFaults = .none) async throws -> CapacityTestBed {
        var simulators: [ComfySimulator] = []
        for _ in 0..<servers {
            var configuration = SimulatorConfiguration()
            configuration.timeScale = 1
            configuration.profile = profile(step: step)
            configuration.faults = faults
            let simulator = ComfySimulator(configuration: configuration)
            try await simulator.start()
            simulators.append(simulator)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("capacity-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return CapacityTestBed(simulators: simulators, folder: folder)
    }

    /// A scenario over every simulator with this `load:` block and extra top-level YAML (`sweep:`, `fleet:`).
    func scenario(load: String, steps: Int = 4, extra: String = "") throws -> Scenario {
        try workflow(steps: steps).write(toFile: folder + "/wf.api.json", atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            name: capacity-test
            servers: [\(simulators.map(\.baseURL).joined(separator: ", "))]
            workflows:
              txt2img: {file: wf.api.json, seed: random}
            load:
            \(load.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            monitor: {interval: 200ms}
            \(extra)
            """
        try yaml.write(toFile: folder + "/scenario.yaml", atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: folder + "/scenario.yaml")
    }

    func workflow(steps: Int) -> String {
        """
        {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
         "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
         "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "a fox"}},
         "7": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "blurry"}},
         "3": {"class_type": "KSampler", "inputs": {"cfg": 7.0, "denoise": 1.0, "latent_image": ["5", 0], "model": ["4", 0],
               "negative": ["7", 0], "positive": ["6", 0], "sampler_name": "euler", "scheduler": "normal", "seed": 1,
               "steps": \(steps)}},
         "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
         "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "cap", "images": ["8", 0]}}}
        """
    }

    func sweep(_ scenario: Scenario, slo: [String] = []) async throws -> SweepResult {
        let spec = try SweepOverrides(slo: slo, levels: nil, max: nil, settle: nil, measure: nil, refine: nil).apply(to: scenario)
        var options = RunOptions()
        options.outputDirectory = folder + "/sweep"
        return try await SweepRunner(scenario: scenario, spec: spec, options: options).run()
    }

    func run(_ scenario: Scenario, during: (@Sendable () async -> Void)? = nil) async throws -> RunReport {
        var options = RunOptions()
        options.outputDirectory = folder + "/run"
        let side = during.map { body in Task { await body() } }
        let report = try await RunSession(scenario: scenario, options: options).run()
        await side?.value
        return report
    }

    func stop() async {
        for simulator in simulators { await simulator.stop() }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
