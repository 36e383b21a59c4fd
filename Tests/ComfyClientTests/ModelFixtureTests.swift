import Testing

@testable import ComfyClient

/// Every recorded HTTP body decodes into its typed model.
@Suite struct ModelFixtureTests {
    @Test func systemStats() throws {
        let stats = try SystemStats(json: try #require(try Fixtures.json("01_system_stats.json")["body"]))
        #expect(stats.os == "linux" && stats.comfyUIVersion == "0.8.0" && stats.pytorchVersion == "2.15.0+cu132")
        #expect(stats.ramTotal == 25_276_063_744 && stats.ramFree == 20_036_997_120)
        #expect(stats.pythonVersion.hasPrefix("3.11.7") && !stats.embeddedPython)
        #expect(stats.argv.contains("--disable-all-custom-nodes") && stats.argv.first == "main.py")
        let device = try #require(stats.devices.first)
        #expect(stats.devices.count == 1 && device.name == "cpu" && device.type == "cpu" && device.index == nil)
        #expect(device.vramTotal == 25_276_063_744 && device.vramFree == 20_036_997_120)
        #expect(device.vramUsed == 25_276_063_744 - 20_036_997_120 && device.torchVramReserved == device.vramUsed)
    }

    @Test(arguments: [
        ("10_modelfree_noise.json", "c5c2a370-9999-42bf-996b-218835a6174b", 5.0),
        ("30_execution_error.json", "53509721-ebb7-461a-af26-c953a47bb6cc", 17.0),
    ])
    func promptAcceptedReplies(file: String, promptID: String, number: Double) throws {
        let body = try #require(try Fixtures.json(file)["submit"]?["body"])
        let accepted = try PromptAccepted(json: body)
        #expect(accepted.promptID == promptID && accepted.number == number && accepted.nodeErrors.isEmpty)
    }

    static func entry(_ file: String, _ id: String? = nil) throws -> HistoryEntry? {
        let fixture = try Fixtures.json(file)
        // 40_* keeps one `/history/{id}` body per id; the others keep one exchange.
        let body = try #require(id.map { fixture["history"]?[$0] } ?? fixture["history"]?["body"])
        let entries = try HistoryEntry.entries(json: body)
        return entries.values.first
    }

    @Test func successfulModelFreeRun() throws {
        let entry = try #require(try Self.entry("10_modelfree_noise.json"))
        #expect(entry.promptID == "c5c2a370-9999-42bf-996b-218835a6174b" && entry.number == 5)
        #expect(entry.extraData.clientID == "fixture-client" && entry.extraData.createTime == 1_795_637_757_712)
        #expect(entry.outputsToExecute == ["3"] && entry.prompt["3"]?["class_type"] == .string("SaveImage"))
        #expect(
            entry.outputs["3"]?.images == [
                OutputFile(filename: "fixture_noise_00001_.png", subfolder: "", type: "output")
            ])
        #expect(entry.outputFiles == entry.outputs["3"]?.images)
        #expect(entry.status.statusString == "success" && entry.status.completed)
        #expect(entry.status.messages.map(\.type) == ["execution_start", "execution_cached", "execution_success"])
        #expect(entry.executionStartTimestamp == 1_795_637_757_713 && entry.executionEndTimestamp == 1_795_637_757_903)
        #expect(entry.queueWaitMilliseconds == 1 && entry.succeeded && !entry.wasInterrupted)
        #expect(entry.executionError == nil && entry.cachedNodes.isEmpty && !entry.wasFullyCached)
        #expect(entry.meta?["3"]?["real_node_id"] == .string("3"))
    }

    @Test func samplerRunAndItsFullyCachedResubmission() throws {
        let first = try #require(try Self.entry("11_sd15_ksampler.json"))
        #expect(first.succeeded && !first.wasFullyCached && first.outputFiles.count == 1)
        let cached = try #require(try Self.entry("12_sd15_identical_resubmit_cached.json"))
        #expect(cached.succeeded && cached.wasFullyCached)
        #expect(Set(cached.cachedNodes) == ["3", "4", "5", "6", "7", "8", "9"])
        // The cached run points at the first run's file: nothing new was written.
        #expect(cached.outputFiles == first.outputFiles)
    }

    @Test func executionErrorEntry() throws {
        let entry = try #require(try Self.entry("30_execution_error.json"))
        #expect(entry.status.statusString == "error" && !entry.status.completed && entry.outputs.isEmpty)
        #expect(!entry.succeeded && !entry.wasInterrupted)
        let error = try #require(entry.executionError)
        #expect(error.nodeType == "LoadImage" && error.exceptionType == "OSError" && error.traceback.count == 11)
        #expect(entry.executionEndTimestamp == 1_795_637_773_804 && error.timestamp == entry.executionEndTimestamp)
    }

    @Test func interruptedDeletedAndFollowingPrompt() throws {
        let file = "40_queue_interrupt_delete.json"
        let interrupted = try #require(try Self.entry(file, "c519ba44-be72-418c-9c03-9d9b038f5355"))
        #expect(interrupted.wasInterrupted && interrupted.executionError == nil && !interrupted.succeeded)
        #expect(interrupted.status.statusString == "error" && interrupted.executionEndTimestamp == 1_795_637_778_077)
        let next = try #require(try Self.entry(file, "80ba962f-ab45-42cf-9269-d14ac275b13c"))
        #expect(next.succeeded && next.cachedNodes == ["4", "5", "6", "7"] && next.number == 19)
        #expect(try Self.entry(file, "e3c04eee-17d6-46ba-b1f6-d39468c34cf9") == nil)  // deleted: `{}`
    }

    @Test func historyWindowAndUnknownID() throws {
        let window = try HistoryEntry.entries(json: try #require(try Fixtures.json("51_history_window.json")["body"]))
        #expect(Set(window.keys) == ["c519ba44-be72-418c-9c03-9d9b038f5355", "80ba962f-ab45-42cf-9269-d14ac275b13c"])
        let unknown = try #require(try Fixtures.json("20_validation_errors.json")["history_unknown_id"]?["body"])
        #expect(try HistoryEntry.entries(json: unknown).isEmpty)
    }

    @Test func queueWithItsFiveElementArrays() throws {
        let fixture = try Fixtures.json("40_queue_interrupt_delete.json")
        let running = try QueueSnapshot(bytes: Fixtures.bodyBytes(try #require(fixture["queue_while_running"])))
        #expect(running.running.map(\.promptID) == ["c519ba44-be72-418c-9c03-9d9b038f5355"])
        #expect(running.running.first?.number == 18 && running.running.first?.clientID == "fixture-client")
        #expect(
            running.running.first?.createTime == 1_795_637_774_322 && running.running.first?.outputsToExecute == ["9"])
        #expect(running.running.first?.prompt["3"]?["inputs"]?["seed"] == .int(101))
        #expect(running.pendingInExecutionOrder.map(\.number) == [19, 20])
        let after = try QueueSnapshot(bytes: Fixtures.bodyBytes(try #require(fixture["queue_after_delete"])))
        #expect(after.pending.map(\.promptID) == ["80ba962f-ab45-42cf-9269-d14ac275b13c"])
    }

    @Test func malformedQueueNamesThePath() {
        #expect {
            try QueueSnapshot(bytes: Array(#"{"queue_running": [[1, "a", {}, {}]], "queue_pending": []}"#.utf8))
        } throws: { "\($0)".contains("queue_running") }
        #expect {
            try QueueSnapshot(bytes: Array(#"{"queue_running": [["x", "a", {}, {}, []]], "queue_pending": []}"#.utf8))
        } throws: { "\($0)".contains("/queue: .queue_running[0][0]") }
    }

    @Test func malformedHistoryNamesTheField() {
        #expect {
            try HistoryEntry.entries(json: .object(["p": .object(["prompt": .array([.int(1)])])]))
        } throws: { "\($0)" == "history[p].prompt: expected 5 elements, got 1" }
        #expect {
            try HistoryEntry.entries(
                json: .object([
                    "p": .object([
                        "prompt": .array([.int(1), .string("p"), .object([:]), .object([:]), .array([])]),
                        "outputs": .object(["9": .object(["images": .array([.object(["subfolder": .string("")])])])]),
                    ])
                ]))
        } throws: { "\($0)" == "history[p].outputs.9.images[0].filename: missing, expected a string" }
    }
}
