import ComfyClient
import ComfySimulator
import Foundation

@testable import Harness

/// A simulator, a scenario written to a temporary folder, and a run against it: what every driver
/// test needs, with the samples read back from disk as a user's tools would.
struct DriverTestBed {
    let simulator: ComfySimulator
    let folder: String

    /// A simulated GPU whose sampler steps take exactly `step` seconds and whose other nodes are quick.
    static func profile(step: Double, save: Double = 0.001) -> GPUProfile {
        GPUProfile(
            name: "NVIDIA Test GPU", vramTotalBytes: 8 << 30, vramBaselineBytes: 1 << 29, modelBytes: 2 << 30,
            activationBytesPerMegapixel: 1 << 30, modelLoadSeconds: 0.01, warmLoadSeconds: 0, clipEncodeSeconds: 0.001,
            stepSecondsPerMegapixel: step, fixedStepSeconds: step, vaeDecodeSecondsPerMegapixel: 0.001,
            saveImageSeconds: save, otherNodeSeconds: 0)
    }

    /// A 64² SD1.5-shaped workflow (cheap outputs); `steps` sampler steps.
    static func workflow(steps: Int = 4, stepsValue: String? = nil, seed: Int = 1) -> String {
        """
        {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
         "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
         "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "a fox"}},
         "7": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "blurry"}},
         "3": {"class_type": "KSampler", "inputs": {"cfg": 7.0, "denoise": 1.0, "latent_image": ["5", 0], "model": ["4", 0],
               "negative": ["7", 0], "positive": ["6", 0], "sampler_name": "euler", "scheduler": "normal", "seed": \(seed),
               "steps": \(stepsValue ?? String(steps))}},
         "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
         "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "test", "images": ["8", 0]}}}
        """
    }

    /// `configure` runs last, for knobs the parameters do not cover (auth, hostile names).
    static func start(
        step: Double = 0.002, timeScale: Double = 1, faults: SimulatorFaults = .none, cacheNone: Bool = false,
        configure: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> DriverTestBed {
        var configuration = SimulatorConfiguration()
        configuration.timeScale = timeScale
        configuration.profile = profile(step: step)
        configuration.faults = faults
        configuration.cacheMode = cacheNone ? .none : .classic
        configure(&configuration)
        let simulator = ComfySimulator(configuration: configuration)
        try await simulator.start()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("driver-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return DriverTestBed(simulator: simulator, folder: folder)
    }

    /// Writes the workflow and a scenario with this `load:` block (and extra top-level YAML), and loads it.
    func scenario(load: String, workflow: String = DriverTestBed.workflow(), seed: String = "random", extra: String = "") throws -> Scenario {
        try workflow.write(toFile: folder + "/wf.api.json", atomically: true, encoding: .utf8)
        let yaml = """
            version: 1
            name: driver-test
            server: \(simulator.baseURL)
            workflows:
              txt2img:
                file: wf.api.json
                seed: \(seed)
            load:
            \(load.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            monitor: {interval: 100ms}
            \(extra)
            """
        let path = folder + "/scenario.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ScenarioLoader.load(path: path)
    }

    /// Runs the scenario to the end (or until `during` asks the session to stop) and reads the samples back.
    func run(
        _ scenario: Scenario, preflight: Bool = true, during: (@Sendable (RunSession) async -> Void)? = nil
    ) async throws -> (report: RunReport, records: [PromptRecord]) {
        var options = RunOptions()
        options.outputDirectory = folder + "/report"
        options.preflight = preflight
        let session = RunSession(scenario: scenario, options: options)
        let side = during.map { body in Task { await body(session) } }
        let report = try await session.run()
        side?.cancel()
        let (records, skipped) = try SamplesWriter.read(path: folder + "/report/samples.jsonl")
        precondition(skipped == 0, "samples.jsonl had unreadable lines")
        return (report, records)
    }

    func client() throws -> ComfyClient {
        ComfyClient(endpoint: try ServerEndpoint(url: simulator.baseURL))
    }

    func stop() async {
        await simulator.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
