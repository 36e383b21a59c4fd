import ComfyImage
import Testing

@testable import ComfySimulator

/// Saved files: names, PNG validity and metadata, determinism, drift and regression knobs, `/view`, uploads.
@Suite struct OutputImageTests {
    /// Runs one prompt and downloads its first output image.
    static func render(
        _ configuration: SimulatorConfiguration = .init(timeScale: 0), prompt: SimJSON
    ) async throws -> (name: String, png: PNGCheck.Decoded) {
        try await SimulatorHarness.run(configuration) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(prompt, clientID: "c", promptID: "img")
            await ws.waitForCompletion(of: "img")
            let name = try #require(await sim.simulator.records().first?.outputs.first)
            let view = try await sim.http.get("/view?filename=\(name)&type=output&subfolder=")
            #expect(view.status == 200)
            #expect(view.contentType == "image/png")
            return (name, try PNGCheck.decode(view.body))
        }
    }

    @Test func saveImageWritesAValidPNGWithThePromptText() async throws {
        let (name, png) = try await Self.render(prompt: Workflows.sd15(size: 96))
        #expect(name == "fixture_sd15_00001_.png")
        #expect(png.width == 96 && png.height == 96)
        let prompt = try SimJSON.parse(try #require(png.text["prompt"]))
        #expect(prompt == Workflows.sd15(size: 96))
    }

    @Test func outputsAreAFunctionOfTheSeed() async throws {
        let a = try await Self.render(prompt: Workflows.sd15(seed: 5)).png.rgb
        let b = try await Self.render(prompt: Workflows.sd15(seed: 5)).png.rgb
        let c = try await Self.render(prompt: Workflows.sd15(seed: 6)).png.rgb
        #expect(a == b)
        #expect(a != c)
        let noise1 = try await Self.render(prompt: Workflows.modelFree(seed: 1)).png.rgb
        let noise2 = try await Self.render(prompt: Workflows.modelFree(seed: 2)).png.rgb
        #expect(noise1 != noise2)
    }

    @Test func driftChangesPixelsByAtMostOneLevel() async throws {
        let base = try await Self.render(prompt: Workflows.sd15(size: 128)).png.rgb
        let drifted = try await Self.render(.init(timeScale: 0, drift: true), prompt: Workflows.sd15(size: 128)).png.rgb
        #expect(base.count == drifted.count)
        let deltas = zip(base, drifted).map { abs(Int($0) - Int($1)) }
        #expect(deltas.allSatisfy { $0 <= 1 })
        #expect(deltas.filter { $0 == 1 }.count > base.count / 10)
    }

    @Test func regressionChangesOnlyItsRectangle() async throws {
        let knob = RegressionKnob(x: 10, y: 20, width: 30, height: 40)
        let base = try await Self.render(prompt: Workflows.sd15(size: 128)).png.rgb
        let regressed = try await Self.render(
            .init(timeScale: 0, regression: knob), prompt: Workflows.sd15(size: 128)
        ).png.rgb
        for y in 0..<128 {
            for x in 0..<128 {
                let inside = x >= 10 && x < 40 && y >= 20 && y < 60
                let i = (y * 128 + x) * 3
                #expect((base[i] != regressed[i]) == inside, "pixel \(x),\(y)")
                if (base[i] != regressed[i]) != inside { return }
            }
        }
    }

    @Test func countersPrefixesSubfoldersAndPreviews() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            for seed in 1...2 {
                _ = try await sim.submit(
                    Workflows.modelFree(seed: Int64(seed), prefix: "harness/w1"), clientID: "c",
                    promptID: "s\(seed)")
                await ws.waitForCompletion(of: "s\(seed)")
            }
            let executed = ws.messages.filter { $0["type"] == "executed" }
            let images = executed.compactMap { $0["data"]?["output"]?["images"]?.arrayValue?.first }
            #expect(images.map { $0["filename"] } == ["w1_00001_.png", "w1_00002_.png"])
            #expect(images.allSatisfy { $0["subfolder"] == "harness" && $0["type"] == "output" })
            #expect(try await sim.http.get("/view?filename=w1_00002_.png&subfolder=harness&type=output").status == 200)
            #expect(try await sim.http.get("/view?filename=w1_00002_.png&type=output").status == 404)
            #expect(try await sim.http.get("/view?filename=w1_00002_.png&subfolder=harness&type=bogus").status == 400)
            #expect(try await sim.http.get("/view?filename=/etc/passwd").status == 400)

            var preview = Workflows.modelFree(seed: 3)
            preview.set("3", .obj(["class_type": "PreviewImage", "inputs": .obj(["images": .array(["2", .int(0)])])]))
            _ = try await sim.submit(preview, clientID: "c", promptID: "pv")
            await ws.waitForCompletion(of: "pv")
            let image = try #require(
                try await sim.http.get("/history/pv").json?["pv"]?["outputs"]?["3"]?["images"]?
                    .arrayValue?.first)
            #expect(image["type"] == "temp")
            let name = try #require(image["filename"]?.stringValue)
            #expect(name.hasPrefix("ComfyUI_temp_") && name.hasSuffix("_00001_.png"))
            #expect(try await sim.http.get("/view?filename=\(name)&type=temp").status == 200)
        }
    }

    @Test func batchSizeWritesOneFilePerImage() async throws {
        var prompt = Workflows.sd15()
        prompt.set(
            "5",
            .obj([
                "class_type": "EmptyLatentImage",
                "inputs": .obj([
                    "width": .int(64), "height": .int(32), "batch_size": .int(3),
                ]),
            ]))
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(prompt, clientID: "c", promptID: "b")
            await ws.waitForCompletion(of: "b")
            let outputs = try #require(await sim.simulator.records().first?.outputs)
            #expect(outputs.count == 3)
            var pixels: [[UInt8]] = []
            for name in outputs {
                let png = try PNGCheck.decode(try await sim.http.get("/view?filename=\(name)").body)
                #expect(png.width == 64 && png.height == 32)
                pixels.append(png.rgb)
            }
            #expect(Set(pixels).count == 3)
        }
    }

    @Test func uploadsDeduplicateAndRename() async throws {
        try await SimulatorHarness.run { sim in
            let png = try PNGEncoder.encode(rgb: [UInt8](repeating: 1, count: 12), width: 2, height: 2)
            let other = try PNGEncoder.encode(rgb: [UInt8](repeating: 2, count: 12), width: 2, height: 2)
            #expect(try await sim.http.upload(name: "a.png", bytes: png).json?["name"] == "a.png")
            #expect(try await sim.http.upload(name: "a.png", bytes: png).json?["name"] == "a.png")
            #expect(try await sim.http.upload(name: "a.png", bytes: other).json?["name"] == "a (1).png")
            #expect(
                try await sim.http.get("/view?filename=a (1).png&type=input".replacingOccurrences(" ", with: "%20"))
                    .body == other)
            let info = try #require(try await sim.http.get("/object_info/LoadImage").json)
            let options = info["LoadImage"]?["input"]?["required"]?["image"]?.arrayValue?.first
            #expect(options == .array(["a (1).png", "a.png"]))
        }
    }

    @Test func aMegapixelImageRoundTrips() throws {
        let spec = ImageSpec(width: 1024, height: 1024, count: 1, patternSeed: 42, color: 0)
        let rgb = OutputImageRenderer(drift: false, regression: nil).render(spec, index: 0)
        let png = try PNGEncoder.encode(rgb: rgb, width: 1024, height: 1024)
        let decoded = try PNGCheck.decode(png)
        #expect(decoded.rgb == rgb)
    }
}
