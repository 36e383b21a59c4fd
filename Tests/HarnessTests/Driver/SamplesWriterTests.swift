import ComfyClient
import Foundation
import Testing

@testable import Harness

@Suite("samples.jsonl")
struct SamplesWriterTests {
    @Test("every record is one line that reads back equal; a torn last line is skipped, not fatal")
    func roundTripAndTornLine() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/samples.jsonl"
        let writer = try SamplesWriter(path: path)
        var records: [PromptRecord] = []
        for index in 0..<5 {
            var record = PromptRecord(promptID: "id-\(index)", sequence: index, workflow: "w", seed: index, server: "http://127.0.0.1:1", scheduledAt: Double(index))
            record.outcome = index.isMultiple(of: 2) ? .ok : .execution
            record.failure = index.isMultiple(of: 2) ? nil : .init(message: "line\nbreak \"quoted\"", node: "3", nodeType: "KSampler", exceptionType: "RuntimeError", status: 500)
            record.warmup = index == 0
            record.sentAt = Double(index) + 0.001
            record.acceptedAt = Double(index) + 0.002
            record.number = Double(index)
            record.createTimeMs = 1_795_637_758_572
            record.executionStartMs = 1_795_637_758_573
            record.terminalMs = 1_795_637_772_013
            record.terminalEvent = "execution_success"
            record.cachedNodes = ["4", "5"]
            record.phases = [
                .init(node: "3", classType: "KSampler", startedAt: 1.5, seconds: 0.75, steps: [1.6, 1.85]),
                .init(node: "9", classType: "SaveImage", startedAt: 2.25, seconds: nil, steps: nil),
            ]
            if index == 3 { record.cachedNodes = nil }
            record.outputs = [.init(filename: "a é.png", subfolder: "sub", type: "output")]
            record.downloadBytes = 12_345
            records.append(record)
            try await writer.append(record)
        }
        // A record with only the required fields (every optional one left out of the line).
        let bare = PromptRecord(promptID: "bare", sequence: 9, workflow: "w", seed: nil, server: "s", scheduledAt: 0)
        records.append(bare)
        try await writer.append(bare)
        await writer.close()
        // Simulate a crash in the middle of a write.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"promptID\":\"torn".utf8))
        try handle.close()

        let read = try SamplesWriter.read(path: path)
        #expect(read.records == records)
        #expect(read.skipped == 1)

        // The hand-written line has exactly the keys of the synthesized Codable form, which tools
        // written against earlier files (and `Codable` decoding) expect.
        for record in records {
            let line = record.jsonLine()
            let codable = try JSONValue.parse(JSONEncoder().encode(record))
            let ours = try JSONValue.parse(Data(line))
            #expect(Set(codable.objectValue?.keys ?? [:].keys) == Set(ours.objectValue?.keys ?? [:].keys))
            #expect(try JSONDecoder().decode(PromptRecord.self, from: Data(line)) == record)
            // Compact with sorted keys, as the general writer makes it: stable bytes from run to run.
            #expect(line == ours.serializedBytes(), "\(String(decoding: line, as: UTF8.self))")
        }
    }
}
