import ComfyClient
import Foundation
import Testing

@testable import Harness

/// Replays the WebSocket transcripts recorded from a real ComfyUI 0.8.0 through the timeline.
@Suite("Prompt timelines from recorded transcripts")
struct PromptTimelineTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/comfyui-0.8.0")

    /// The transcript's prompt, and its events with their arrival times in seconds.
    static func replay(_ name: String) throws -> PromptTimeline {
        let json = try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent(name)))
        let prompt = json["submit"]?["request"]?["body"]?["prompt"] ?? .object([:])
        let promptID = json["submit"]?["body"]?["prompt_id"]?.stringValue ?? ""
        var timeline = PromptTimeline(
            record: PromptRecord(promptID: promptID, sequence: 0, workflow: "w", seed: nil, server: "s", scheduledAt: 0),
            prompt: prompt)
        for message in json["ws"]?.arrayValue ?? [] {
            guard let text = message["text"], let time = message["t_ms"]?.doubleValue else { continue }
            let event = try ComfyEventDecoder.decode(text: String(decoding: text.serialized(), as: UTF8.self))
            if let id = event.promptID, id != promptID { continue }
            timeline.apply(event, at: time / 1000)
        }
        return timeline
    }

    @Test("SD1.5 KSampler transcript: phases per node, 4 sampler steps, outputs, server timestamps")
    func ksampler() throws {
        let timeline = try Self.replay("11_sd15_ksampler.json")
        let record = timeline.record
        #expect(timeline.terminated && timeline.historyWritten)
        #expect(record.terminalEvent == "execution_success")
        #expect(record.phases.map(\.classType) == ["DiffusersLoader", "CLIPTextEncode", "CLIPTextEncode", "EmptyLatentImage", "KSampler", "VAEDecode", "SaveImage"])
        let sampler = try #require(record.phases.first { $0.classType == "KSampler" })
        #expect(sampler.steps?.count == 4)
        // executing(3) at 6334.2 ms, executing(8) at 14506.4 ms.
        #expect(abs((sampler.seconds ?? 0) - 8.1722) < 1e-6)
        #expect(abs((sampler.steps?[1] ?? 0) - 11.0891) < 1e-6)
        #expect(record.outputs == [OutputFile(filename: "fixture_sd15_00001_.png", subfolder: "", type: "output")])
        #expect(record.executionStartMs == 1_795_637_758_573)
        #expect(record.terminalMs == 1_795_637_772_013)
        #expect(!timeline.fullyCached)
    }

    @Test("identical resubmission transcript: every node cached, nothing executed")
    func cachedResubmission() throws {
        let timeline = try Self.replay("12_sd15_identical_resubmit_cached.json")
        #expect(timeline.fullyCached)
        #expect(timeline.record.phases.isEmpty)
        #expect(timeline.record.outputs.count == 1)
    }

    @Test("execution error transcript: node, type and message without the trailing newline")
    func executionError() throws {
        let timeline = try Self.replay("30_execution_error.json")
        #expect(timeline.record.outcome == .execution)
        #expect(timeline.record.failure?.nodeType == "LoadImage")
        #expect(timeline.record.failure?.exceptionType == "OSError")
        #expect(timeline.record.failure?.message == "Truncated File Read")
    }
}
