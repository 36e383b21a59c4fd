import Foundation

/// `GET /queue`: the running prompt (0 or 1) and the pending ones, in the server's heap order.
public struct QueueSnapshot: Sendable, Hashable, Decodable {
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
