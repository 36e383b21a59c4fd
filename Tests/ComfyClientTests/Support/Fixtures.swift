import ComfyClient
import Foundation

/// The ComfyUI 0.8.0 transcripts in `Tests/Fixtures/comfyui-0.8.0`.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/comfyui-0.8.0")

    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// Every `*.json` transcript file name, sorted.
    static func allFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    /// The bytes of a recorded HTTP body, re-serialised (the transcripts store bodies as JSON values).
    static func bodyBytes(_ exchange: JSONValue) -> [UInt8] {
        guard let body = exchange["body"] else { return [] }
        if case .string(let text) = body { return Array(text.utf8) }
        return [UInt8](body.serialized())
    }

    /// Every `ws` message (`{t_ms, text}` or a binary summary) in a transcript, with its index.
    static func webSocketMessages(_ name: String) throws -> [JSONValue] {
        try json(name)["ws"]?.arrayValue ?? []
    }
}
