extension HistoryEntry {
    /// The last `execution_*` message: `execution_success`, `execution_error` or `execution_interrupted`.
    ///
    /// This, not `status_str`, is authoritative (a staging error can leave `status_str` at `success`).
    public var terminalMessage: HistoryMessage? {
        status.messages.last { Self.terminalTypes.contains($0.type) }
    }

    static let terminalTypes: Set<String> = ["execution_success", "execution_error", "execution_interrupted"]

    /// `execution_start.timestamp` (server clock, ms).
    public var executionStartTimestamp: Int64? {
        status.messages.first { $0.type == "execution_start" }?.timestamp
    }

    /// The terminal message's timestamp (server clock, ms).
    public var executionEndTimestamp: Int64? { terminalMessage?.timestamp }

    /// Queue wait on the server clock: `execution_start − create_time`, in ms.
    public var queueWaitMilliseconds: Int64? {
        guard let start = executionStartTimestamp, let created = extraData.createTime else { return nil }
        return start - created
    }

    public var succeeded: Bool { terminalMessage?.type == "execution_success" }

    public var wasInterrupted: Bool { terminalMessage?.type == "execution_interrupted" }

    /// The failure details when the run ended in `execution_error` (nil if they do not decode).
    public var executionError: ExecutionErrorInfo? {
        guard let message = terminalMessage, message.type == "execution_error" else { return nil }
        return try? ExecutionErrorInfo(json: message.data, context: "history[\(promptID)].execution_error")
    }

    /// Node ids listed by `execution_cached`.
    public var cachedNodes: [String] {
        let data = status.messages.first { $0.type == "execution_cached" }?.data
        return data?["nodes"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// True when every node of the prompt came from the cache (nothing executed; no new files).
    public var wasFullyCached: Bool {
        guard case .object(let nodes) = prompt, !nodes.isEmpty else { return false }
        return Set(cachedNodes).isSuperset(of: nodes.keys)
    }

    /// All output files of all nodes, ordered by node id.
    public var outputFiles: [OutputFile] {
        outputs.keys.sorted(by: NodeID.precedes).flatMap { outputs[$0]?.allFiles ?? [] }
    }
}
