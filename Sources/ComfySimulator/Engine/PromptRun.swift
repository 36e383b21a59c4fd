/// Bookkeeping of the prompt being executed: its messages for history, progress states, outputs.
struct PromptRun: Sendable {
    let item: PromptQueue.Item
    /// `[event, data]` pairs of the `execution_*` messages, for history `status.messages`.
    var messages: [SimJSON] = []
    /// Progress registry: node id → (value, max, state), in start order; only non-pending nodes appear.
    var progress: [(id: String, value: SimJSON, max: SimJSON, state: String)] = []
    var executed: [String] = []
    var outputs: [(key: String, value: SimJSON)] = []
    var outputFiles: [String] = []
    var values: [String: [SimValue]] = [:]
    var steps = 0
    var stepSeconds = 0.0

    var promptID: String { item.promptID }

    mutating func setProgress(_ id: String, value: SimJSON, max: SimJSON, state: String) {
        if let index = progress.firstIndex(where: { $0.id == id }) {
            progress[index] = (id, value, max, state)
        } else {
            progress.append((id, value, max, state))
        }
    }

    /// The `progress_state` message data.
    var progressStateData: SimJSON {
        .obj([
            "prompt_id": .string(promptID),
            "nodes": .object(
                progress.map { entry in
                    (
                        key: entry.id,
                        value: .obj([
                            "value": entry.value, "max": entry.max, "state": .string(entry.state),
                            "node_id": .string(entry.id), "prompt_id": .string(promptID),
                            "display_node_id": .string(entry.id), "parent_node_id": .null,
                            "real_node_id": .string(entry.id),
                        ])
                    )
                }),
        ])
    }

    /// The history entry (§4) for a run that ended with `succeeded`.
    func historyEntry(succeeded: Bool) -> SimJSON {
        .obj([
            "prompt": item.queueArray,
            "outputs": .object(outputs),
            "status": .obj([
                "status_str": .string(succeeded ? "success" : "error"), "completed": .bool(succeeded),
                "messages": .array(messages),
            ]),
            "meta": .object(
                outputs.map { pair in
                    (
                        key: pair.key,
                        value: .obj([
                            "node_id": .string(pair.key), "display_node": .string(pair.key), "parent_node": .null,
                            "real_node_id": .string(pair.key),
                        ])
                    )
                }),
        ])
    }
}

/// Why a run stopped early.
enum RunStop: Error {
    case interrupted(node: String, classType: String)
    case failed(node: String, classType: String, type: String, message: String, inputs: SimJSON)
}
