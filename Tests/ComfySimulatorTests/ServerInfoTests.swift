import ComfyImage
import Testing

@testable import ComfySimulator

/// `/system_stats`, `/object_info`, `/features`, the WS connect message and the `/api` aliases.
@Suite struct ServerInfoTests {
    @Test func systemStatsHasTheRecordedShapeWithACudaDevice() async throws {
        let fixture = try Fixtures.load("01_system_stats.json")
        try await SimulatorHarness.run { sim in
            for path in ["/system_stats", "/api/system_stats"] {
                let reply = try await sim.http.get(path)
                #expect(reply.status == 200)
                #expect(reply.contentType == fixture["content_type"]?.stringValue)
                let body = try #require(reply.json)
                // The recording is a CPU server (index null); the simulated GPU has index 0.
                let diffs = Shape.differences(body, try #require(fixture["body"]))
                #expect(diffs == ["$.devices[0].index: int vs expected null"])
                let device = body["devices"]?.arrayValue?.first
                #expect(device?["name"] == "cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync")
                #expect(device?["type"] == "cuda")
                #expect(device?["index"] == .int(0))
                #expect(device?["vram_total"] == .int(24 << 30))
            }
        }
    }

    @Test func vramRisesWithALoadedModel() async throws {
        try await SimulatorHarness.run { sim in
            let before = try #require(try await sim.http.get("/system_stats").json?["devices"]?.arrayValue?.first)
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.sd15(), clientID: "c", promptID: "p")
            await ws.waitForCompletion(of: "p")
            let after = try #require(try await sim.http.get("/system_stats").json?["devices"]?.arrayValue?.first)
            #expect(try #require(after["vram_free"]?.intValue) < (try #require(before["vram_free"]?.intValue)))
            #expect(try #require(after["torch_vram_total"]?.intValue) > 0)
        }
    }

    @Test func vramIsHigherWhileTheSamplerRuns() async throws {
        try await SimulatorHarness.run(QueueControlTests.slow) { sim in
            let ws = await sim.socket("c")
            defer { Task { await ws.close() } }
            _ = try await sim.submit(Workflows.sd15(steps: 3, size: 1024), clientID: "c", promptID: "v")
            await ws.waitUntil { $0.contains { $0["type"] == "progress" } }
            let during = try await Self.vramUsed(sim)
            await ws.waitForCompletion(of: "v")
            let after = try await Self.vramUsed(sim)
            #expect(during > after)
        }
    }

    static func vramUsed(_ sim: SimulatorHarness) async throws -> Int64 {
        let device = try #require(try await sim.http.get("/system_stats").json?["devices"]?.arrayValue?.first)
        return try #require(device["vram_total"]?.intValue) - (try #require(device["vram_free"]?.intValue))
    }

    @Test func objectInfoServesTheRecordedSchemasVerbatim() async throws {
        let fixture = try Fixtures.load("02_object_info_subset.json")
        try await SimulatorHarness.run { sim in
            for (name, recorded) in try #require(fixture.objectPairs) {
                let reply = try await sim.http.get("/object_info/\(name)")
                #expect(reply.status == 200)
                #expect(reply.contentType == "application/json; charset=utf-8")
                if name == "CheckpointLoaderSimple" || name == "LoadImage" {
                    // Their combo lists are the server's model and input folders.
                    #expect(Shape.differences(try #require(reply.json), recorded) == [])
                } else {
                    #expect(reply.json == recorded, "\(name)")
                }
            }
            let all = try #require(try await sim.http.get("/api/object_info").json)
            for name in ["EmptyImage", "ImageAddNoise", "SaveImage", "PreviewImage", "KSamplerAdvanced", "ImageInvert"]
            {
                #expect(all[name]?["name"]?.stringValue == name)
            }
            #expect(try await sim.http.get("/object_info/NoSuchNode").json == .object([]))
        }
    }

    @Test func featuresAndConnectMessage() async throws {
        let connect = try Fixtures.load("00_ws_connect.json")
        try await SimulatorHarness.run { sim in
            let features = try #require(try await sim.http.get("/features").json)
            #expect(features["max_upload_size"] == .double(104_857_600))
            #expect(features["supports_preview_metadata"] == .bool(true))
            let ws = await sim.socket("fixture-client", path: "/api/ws")
            defer { Task { await ws.close() } }
            let first = try #require(ws.messages.first)
            #expect(first == connect["ws"]?.arrayValue?.first?["text"])
            let anonymous = WSRecorder(url: sim.wsURL)
            defer { Task { await anonymous.close() } }
            let status = await anonymous.waitUntil { !$0.isEmpty }.first
            let sid = try #require(status?["data"]?["sid"]?.stringValue)
            #expect(sid.count == 32 && sid.allSatisfy(\.isHexDigit))
        }
    }

    @Test func executionErrorLikeTranscript30() async throws {
        let fixture = try Fixtures.load("30_execution_error.json")
        try await SimulatorHarness.run { sim in
            let png = try PNGEncoder.encode(rgb: [UInt8](repeating: 9, count: 48), width: 4, height: 4)
            let upload = try await sim.http.upload(name: "fixture_corrupt.png", bytes: Array(png.prefix(png.count / 2)))
            #expect(upload.json == .obj(["name": "fixture_corrupt.png", "subfolder": "", "type": "input"]))
            let ws = await sim.socket("fixture-client")
            defer { Task { await ws.close() } }
            let prompt = try #require(fixture["submit"]?["request"]?["body"]?["prompt"])
            let reply = try await sim.submit(prompt, clientID: "fixture-client", promptID: "err")
            #expect(reply.status == 200)
            await ws.waitForCompletion(of: "err")
            let received = Array(ws.messages.dropFirst())
            #expect(received.types == Fixtures.messageTypes(fixture["ws"]))
            let error = try #require(received.first { $0["type"] == "execution_error" })
            let expected = try #require(
                fixture["ws"]?.arrayValue?.compactMap { $0["text"] }.first {
                    $0["type"] == "execution_error"
                })
            #expect(Shape.differences(error, expected) == [])
            #expect(error["data"]?["exception_message"] == "Truncated File Read\n")
            #expect(error["data"]?["current_outputs"] == .array(["1", "2"]))
            let history = try #require(try await sim.http.get("/history/err").json)
            #expect(Shape.differences(history, try #require(fixture["history"]?["body"]), dynamicKeys: true) == [])
            #expect(await sim.simulator.records().first?.outcome == .error)
        }
    }

    @Test func loadImageOfAMissingFileFailsValidation() async throws {
        try await SimulatorHarness.run { sim in
            let prompt = SimJSON.obj([
                "1": .obj(["class_type": "LoadImage", "inputs": .obj(["image": "nope.png"])]),
                "2": .obj([
                    "class_type": "SaveImage",
                    "inputs": .obj([
                        "images": .array(["1", .int(0)]),
                        "filename_prefix": "x",
                    ]),
                ]),
            ])
            let reply = try await sim.submit(prompt, clientID: nil)
            #expect(reply.status == 400)
            let error = reply.json?["node_errors"]?["1"]?["errors"]?.arrayValue?.first
            #expect(error?["type"] == "custom_validation_failed")
            #expect(error?["details"] == "image - Invalid image file: nope.png")
        }
    }
}
