import Foundation

/// `GET /queue`: the running prompt (0 or 1) and the pending ones, in the server's heap order.
public struct QueueSnapshot: Sendable, Decodable {
    public var running: [QueueItem]
    /// Raw heap order: only the first is guaranteed to run next; see `pendingInExecutionOrder`.
    public var pending: [QueueItem]

    enum CodingKeys: String, CodingKey {
        case running = "queue_running"
        case pending = "queue_pending"
    }

    public init(running: [QueueItem], pending: [QueueItem]) {
        self.running = running
        self.pending = pending
    }

    /// Decodes the reply bytes.
    public init(bytes: [UInt8]) throws {
        do {
            self = try JSONDecoder().decode(QueueSnapshot.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ComfyDecodingError("/queue: \(DecodingErrorText.describe(error))")
        }
    }

    /// Pending items sorted the way the worker pops them: by `number`, then `prompt_id`.
    public var pendingInExecutionOrder: [QueueItem] {
        pending.sorted { ($0.number, $0.promptID) < ($1.number, $1.promptID) }
    }
}

/// One queue entry, the heterogeneous array `[number, prompt_id, prompt, extra_data, outputs_to_execute]`.
public struct QueueItem: Sendable, Decodable {
    public var number: Double
    public var promptID: String
    public var prompt: JSONValue
    public var extraData: JSONValue
    public var outputsToExecute: [String]

    public init(from decoder: any Decoder) throws {
        var tuple = try decoder.unkeyedContainer()
        number = try tuple.decode(Double.self)
        promptID = try tuple.decode(String.self)
        prompt = try tuple.decode(JSONValue.self)
        extraData = try tuple.decode(JSONValue.self)
        outputsToExecute = try tuple.decode([String].self)
        // Newer servers may append elements; they are ignored.
    }

    public var clientID: String? { extraData["client_id"]?.stringValue }
    public var createTime: Int64? { extraData["create_time"]?.intValue.map(Int64.init) }
}

/// Readable text for `DecodingError`: the coding path and what went wrong.
enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "top level" : keys
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context)): missing key '\(key.stringValue)'"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
