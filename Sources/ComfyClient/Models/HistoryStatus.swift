/// `status` of a history entry: `success`/`error`, and the run's timestamped `execution_*` messages.
public struct HistoryStatus: Sendable, Hashable {
    /// `success` or `error` (interrupted prompts read `error` too).
    public var statusString: String
    public var completed: Bool
    public var messages: [HistoryMessage]

    public init(statusString: String, completed: Bool, messages: [HistoryMessage]) {
        self.statusString = statusString
        self.completed = completed
        self.messages = messages
    }
}

/// One `[event_name, data]` pair of `status.messages`.
public struct HistoryMessage: Sendable, Hashable {
    public var type: String
    public var data: JSONValue
    /// `data.timestamp`, ms since the epoch.
    public var timestamp: Int64?

    public init(type: String, data: JSONValue, timestamp: Int64?) {
        self.type = type
        self.data = data
        self.timestamp = timestamp
    }
}
