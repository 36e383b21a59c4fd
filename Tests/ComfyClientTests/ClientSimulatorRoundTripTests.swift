import ComfyClient
import ComfySimulator
import Foundation
import Testing

/// Every typed call of the client against the simulator: both sides of the wire, written from the
/// same recorded transcripts, must agree with each other.
@Suite("Client ↔ simulator round trips", .serialized)
struct ClientSimulatorRoundTripTests {
    static func workflow(seed: Int, steps: Int = 3) -> JSONValue {
        let text = """
            {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
             "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 64, "height": 64, "batch_size": 1}},
             "6": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "a fox"}},
             "7": {"class_type": "CLIPTextEncode", "inputs": {"clip": ["4", 1], "text": "blurry"}},
             "3": {"class_type": "KSampler", "inputs": {"cfg": 7.0, "denoise": 1.0, "latent_image": ["5", 0], "model": ["4", 0],
                   "negative": ["7", 0], "positive": ["6", 0], "sampler_name": "euler", "scheduler": "normal", "seed": \(seed), "steps": \(steps)}},
             "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
             "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "rt", "images": ["8", 0]}}}
            """
        return try! JSONValue.parse(Data(text.utf8))
    }

    static func start(timeScale: Double = 0.01) async throws -> (ComfySimulator, ComfyClient) {
        var configuration = SimulatorConfiguration()
        configuration.timeScale = timeScale
        let simulator = ComfySimulator(configuration: configuration)
        try await simulator.start()
        return (simulator, ComfyClient(endpoint: try ServerEndpoint(url: simulator.baseURL)))
    }

    @Test("submit → events on the socket → history → view: one whole prompt")
    func wholePrompt() async throws {
        let (simulator, client) = try await Self.start()
        defer { Task { await simulator.stop() } }
        let clientID = "rt-\(UUID().uuidString)"
        let stream = ComfyEventStream(endpoint: client.endpoint, clientID: clientID)
        stream.start()
        defer { Task { await stream.stop() } }
        var updates = stream.updates.makeAsyncIterator()
        guard case .connected? = await updates.next() else { Issue.record("no connection"); return }

        let promptID = UUID().uuidString.lowercased()
        let accepted = try await client.submit(prompt: Self.workflow(seed: 7), promptID: promptID, clientID: clientID)
        #expect(accepted.promptID == promptID)
        #expect(accepted.nodeErrors.isEmpty)
        var types: [String] = []
        var steps = 0
        while let update = await updates.next() {
            guard case .event(let received) = update else { continue }
            switch received.event {
            case .executionStart: types.append("execution_start")
            case .executionSuccess: types.append("execution_success")
            case .progress(_, let node, _, _): if node == "3" { steps += 1 }
            case .executing(let id, nil, _) where id == promptID: types.append("done")
            default: break
            }
            if types.last == "done" { break }
        }
        #expect(types == ["execution_start", "execution_success", "done"])
        #expect(steps == 3)

        let entry = try await client.waitForHistory(promptID: promptID)
        #expect(entry.succeeded)
        #expect(entry.extraData.clientID == clientID)
        let wait = try #require(entry.queueWaitMilliseconds)
        let truth = try #require(await simulator.records().first { $0.promptID == promptID })
        #expect(wait == (truth.startTimeMs ?? -1) - truth.createTimeMs)
        let file = try #require(entry.outputFiles.first)
        let png = try await client.view(file)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(try await client.history(maxItems: 1, offset: nil).keys.contains(promptID))
    }

    @Test("system_stats, object_info, features and an unknown class")
    func info() async throws {
        let (simulator, client) = try await Self.start()
        defer { Task { await simulator.stop() } }
        let stats = try await client.systemStats()
        #expect(stats.comfyUIVersion == "0.8.0")
        #expect(stats.devices.first?.type == "cuda")
        let all = try await client.objectInfo()
        #expect(all["KSampler"] != nil && all["SaveImage"] != nil)
        #expect(try await client.objectInfo(nodeClass: "KSampler")["KSampler"] != nil)
        #expect(try await client.objectInfo(nodeClass: "NoSuchNode").isEmpty)
        #expect(try await client.features()["max_upload_size"] != nil)
    }

    @Test("queue, delete pending, targeted interrupt, clear, free")
    func queueControl() async throws {
        let (simulator, client) = try await Self.start(timeScale: 1)
        defer { Task { await simulator.stop() } }
        let ids = (0..<3).map { _ in UUID().uuidString.lowercased() }
        for (index, id) in ids.enumerated() {
            _ = try await client.submit(prompt: Self.workflow(seed: 100 + index, steps: 50), promptID: id, clientID: "rt")
        }
        while try await client.queue().running.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        var queue = try await client.queue()
        #expect(queue.running.map(\.promptID) == [ids[0]])
        #expect(Set(queue.pending.map(\.promptID)) == Set(ids[1...]))
        #expect(queue.pending.allSatisfy { $0.clientID == "rt" && $0.createTime != nil })
        #expect(try await client.queueRemaining() == 3)

        try await client.deletePending([ids[2]])
        queue = try await client.queue()
        #expect(queue.pending.map(\.promptID) == [ids[1]])

        try await client.interrupt(promptID: ids[0])
        let interrupted = try await client.waitForHistory(promptID: ids[0], attempts: 100)
        #expect(interrupted.wasInterrupted)

        try await client.clearPending()
        try await client.interrupt(promptID: nil)
        for _ in 0..<200 where try await client.queueRemaining() > 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await client.queueRemaining() == 0)
        try await client.free(unloadModels: true, freeMemory: true)
    }

    @Test("upload an image, then a rejected prompt renders per node")
    func uploadAndRejection() async throws {
        let (simulator, client) = try await Self.start()
        defer { Task { await simulator.stop() } }
        let png = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/comfyui-0.8.0/10_modelfree_noise_output.png"))
        let uploaded = try await client.uploadImage(Array(png), filename: "in.png", subfolder: nil, type: "input", overwrite: false)
        #expect(uploaded.name == "in.png")
        #expect(uploaded.type == "input")

        guard case .object(var nodes) = Self.workflow(seed: 1) else { return }
        nodes["3"] = .object(["class_type": .string("KSampler"), "inputs": .object(["steps": .int(100_000)])])
        do {
            _ = try await client.submit(prompt: .object(nodes), promptID: UUID().uuidString, clientID: "rt")
            Issue.record("a bad prompt was accepted")
        } catch let error as ComfyClientError {
            guard case .promptRejected(let rejection) = error else { Issue.record("\(error)"); return }
            #expect(rejection.description.contains("node 3 (KSampler)"))
        }
    }
}
