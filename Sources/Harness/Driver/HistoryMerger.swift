import ComfyClient

/// Completes a record from the prompt's `/history` entry: `create_time` (only the history and the
/// queue carry it), and the terminal event and outputs when the WebSocket missed them.
enum HistoryMerger {
    static func merge(_ entry: HistoryEntry, into record: inout PromptRecord) {
        record.createTimeMs = entry.extraData.createTime ?? record.createTimeMs
        if record.number == nil { record.number = entry.number }
        if record.executionStartMs == nil { record.executionStartMs = entry.executionStartTimestamp }
        if record.cachedNodes == nil, !entry.cachedNodes.isEmpty { record.cachedNodes = entry.cachedNodes }
        if record.outputs.isEmpty { record.outputs = entry.outputFiles }
        guard record.terminalEvent == nil, let terminal = entry.terminalMessage else { return }
        record.terminalEvent = terminal.type
        record.terminalMs = terminal.timestamp
        switch terminal.type {
        case "execution_error":
            record.outcome = .execution
            record.failure = .init(
                message: (terminal.data["exception_message"]?.stringValue ?? "execution error").trimmingTrailingNewlines,
                node: terminal.data["node_id"]?.stringValue, nodeType: terminal.data["node_type"]?.stringValue,
                exceptionType: terminal.data["exception_type"]?.stringValue)
        case "execution_interrupted":
            record.outcome = .interrupted
            record.failure = .init(
                message: "interrupted", node: terminal.data["node_id"]?.stringValue,
                nodeType: terminal.data["node_type"]?.stringValue)
        default:
            break
        }
    }
}
