import Testing

@testable import ComfySimulator

/// Sampler previews as binary frames (§3.4 step c, §3.5), only when the prompt asks for them.
@Suite struct PreviewFrameTests {
    static func previewPrompt(_ id: String, clientID: String?) -> SimJSON {
        var body = SimJSON.obj([
            "prompt": Workflows.sd15(steps: 3, size: 128), "prompt_id": .string(id),
            "extra_data": .obj(["preview_method": "latent2rgb"]),
        ])
        if let clientID { body.set("client_id", .string(clientID)) }
        return body
    }

    static func bytes(_ frame: SimJSON) -> [UInt8] {
        (frame["bytes"]?.arrayValue ?? []).compactMap { $0.intValue.map { UInt8(truncatingIfNeeded: $0) } }
    }

    @Test func legacyFramesFollowEachProgressMessage() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.http.post("/prompt", json: Self.previewPrompt("p", clientID: "c"))
            await ws.waitForCompletion(of: "p")
            let types = ws.messages.types
            let frames = ws.messages.filter { $0["type"] == "binary" }
            #expect(frames.count == 3)
            for index in types.indices where types[index] == "binary" {
                #expect(types[index - 1] == "progress")
            }
            let frame = Self.bytes(try #require(frames.first))
            #expect(Array(frame.prefix(8)) == [0, 0, 0, 1, 0, 0, 0, 2])
            let png = try PNGCheck.decode(Array(frame.dropFirst(8)))
            #expect(png.width == 16 && png.height == 16)
        }
    }

    @Test func negotiatedClientsGetMetadataFramesBeforeProgress() async throws {
        try await SimulatorHarness.run { sim in
            let ws = WSRecorder(
                url: sim.wsURL + "?clientId=meta",
                firstMessage: #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#)
            defer { Task { await ws.close() } }
            await ws.waitUntil { $0.types.contains("feature_flags") }
            _ = try await sim.http.post("/prompt", json: Self.previewPrompt("m", clientID: "meta"))
            await ws.waitForCompletion(of: "m")
            let types = ws.messages.types
            let indices = types.indices.filter { types[$0] == "binary" }
            #expect(indices.count == 3)
            for index in indices { #expect(types[index + 1] == "progress") }
            let frame = Self.bytes(ws.messages[indices[0]])
            #expect(Array(frame.prefix(4)) == [0, 0, 0, 4])
            let length = Int(PNGCheck.be32(frame, 4))
            let metadata = try SimJSON.parse(Array(frame[8..<(8 + length)]))
            #expect(metadata["prompt_id"] == "m" && metadata["node_id"] == "3" && metadata["image_type"] == "image/png")
            #expect(throws: Never.self) { try PNGCheck.decode(Array(frame[(8 + length)...])) }
        }
    }

    @Test func noPreviewsByDefault() async throws {
        try await SimulatorHarness.run { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.sd15(steps: 3), clientID: "c", promptID: "n")
            await ws.waitForCompletion(of: "n")
            #expect(!ws.messages.types.contains("binary"))
        }
    }
}
