import Foundation

@testable import ComfySimulator

/// Starts a simulator on a free loopback port for one test, with an HTTP helper and a WS factory.
struct SimulatorHarness {
    let simulator: ComfySimulator
    let http: HTTPHelper

    var wsURL: String { "ws://127.0.0.1:\(simulator.port)/ws" }

    static func run<T>(
        _ configuration: SimulatorConfiguration = .init(timeScale: 0),
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let simulator = ComfySimulator(configuration: configuration)
        try await simulator.start()
        let harness = SimulatorHarness(simulator: simulator, http: HTTPHelper(baseURL: simulator.baseURL))
        do {
            let result = try await body(harness)
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }

    /// Opens a socket for `clientID` and waits for its connect-time `status`.
    func socket(_ clientID: String, path: String = "/ws") async -> WSRecorder {
        let recorder = WSRecorder(url: "ws://127.0.0.1:\(simulator.port)\(path)?clientId=\(clientID)")
        await recorder.waitUntil { !$0.isEmpty }
        return recorder
    }

    /// Submits the recorded request body of a fixture exchange, with a fresh prompt id when asked.
    func submit(_ prompt: SimJSON, clientID: String?, promptID: String? = nil) async throws -> HTTPReply {
        var body = SimJSON.obj(["prompt": prompt])
        if let clientID { body.set("client_id", .string(clientID)) }
        if let promptID { body.set("prompt_id", .string(promptID)) }
        return try await http.post("/prompt", json: body)
    }
}

/// Workflows the tests submit.
enum Workflows {
    static func modelFree(seed: Int64 = 7, width: Int64 = 128, height: Int64 = 96, prefix: String = "fixture_noise")
        -> SimJSON
    {
        .obj([
            "1": .obj([
                "class_type": "EmptyImage",
                "inputs": .obj([
                    "width": .int(width), "height": .int(height), "batch_size": .int(1), "color": .int(3_355_443),
                ]),
            ]),
            "2": .obj([
                "class_type": "ImageAddNoise",
                "inputs": .obj([
                    "image": .array(["1", .int(0)]), "seed": .int(seed), "strength": .double(0.5),
                ]),
            ]),
            "3": .obj([
                "class_type": "SaveImage",
                "inputs": .obj([
                    "filename_prefix": .string(prefix), "images": .array(["2", .int(0)]),
                ]),
            ]),
        ])
    }

    /// The SD1.5 workflow of `11_sd15_ksampler.json`, with a seed and step count to vary.
    static func sd15(seed: Int64 = 42, steps: Int64 = 4, size: Int64 = 64, prefix: String = "fixture_sd15") -> SimJSON {
        .obj([
            "4": .obj(["class_type": "DiffusersLoader", "inputs": .obj(["model_path": "random-sd15"])]),
            "5": .obj([
                "class_type": "EmptyLatentImage",
                "inputs": .obj([
                    "width": .int(size), "height": .int(size), "batch_size": .int(1),
                ]),
            ]),
            "6": .obj([
                "class_type": "CLIPTextEncode",
                "inputs": .obj([
                    "clip": .array(["4", .int(1)]), "text": "a photorealistic red fox in snow",
                ]),
            ]),
            "7": .obj([
                "class_type": "CLIPTextEncode", "inputs": .obj(["clip": .array(["4", .int(1)]), "text": "blurry"]),
            ]),
            "3": .obj([
                "class_type": "KSampler",
                "inputs": .obj([
                    "cfg": .double(7), "denoise": .double(1), "latent_image": .array(["5", .int(0)]),
                    "model": .array(["4", .int(0)]), "negative": .array(["7", .int(0)]),
                    "positive": .array(["6", .int(0)]), "sampler_name": "euler", "scheduler": "normal",
                    "seed": .int(seed), "steps": .int(steps),
                ]),
            ]),
            "8": .obj([
                "class_type": "VAEDecode",
                "inputs": .obj([
                    "samples": .array(["3", .int(0)]), "vae": .array(["4", .int(2)]),
                ]),
            ]),
            "9": .obj([
                "class_type": "SaveImage",
                "inputs": .obj([
                    "filename_prefix": .string(prefix), "images": .array(["8", .int(0)]),
                ]),
            ]),
        ])
    }
}
