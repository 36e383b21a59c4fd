/// ComfyUI's `PromptQueue`: pending items ordered by (number, prompt_id), plus the running one.
struct PromptQueue: Sendable {
    /// One queued prompt: the 5-element item `/queue` shows, plus what the worker needs.
    struct Item: Sendable {
        let number: Double
        /// Client-supplied numbers serialize as floats (`5.0`), server ones as ints.
        let numberIsClientSupplied: Bool
        let promptID: String
        let prompt: SimJSON
        let extraData: SimJSON
        let outputs: [String]

        var numberJSON: SimJSON { numberIsClientSupplied ? .double(number) : .int(Int64(number)) }
        var clientID: String? { extraData["client_id"]?.stringValue }

        /// `[number, prompt_id, prompt, extra_data, outputs_to_execute]`.
        var queueArray: SimJSON {
            .array([numberJSON, .string(promptID), prompt, extraData, .array(outputs.map { .string($0) })])
        }

        func precedes(_ other: Item) -> Bool {
            number != other.number ? number < other.number : promptID < other.promptID
        }
    }

    private(set) var pending: [Item] = []
    private(set) var running: Item?

    var remaining: Int { pending.count + (running == nil ? 0 : 1) }

    mutating func put(_ item: Item) { pending.append(item) }

    /// Pops the item with the lowest (number, prompt_id) and marks it running.
    mutating func take() -> Item? {
        guard let first = pending.indices.min(by: { pending[$0].precedes(pending[$1]) }) else { return nil }
        let item = pending.remove(at: first)
        running = item
        return item
    }

    mutating func finishRunning() { running = nil }

    /// Removes every pending item; returns their ids.
    mutating func wipe() -> [String] {
        defer { pending.removeAll() }
        return pending.map(\.promptID)
    }

    /// Removes the first pending item with this id.
    mutating func delete(_ promptID: String) -> Bool {
        guard let index = pending.firstIndex(where: { $0.promptID == promptID }) else { return false }
        pending.remove(at: index)
        return true
    }

    /// `{"queue_running": [...], "queue_pending": [...]}` (pending sorted, which is a valid heap order).
    var snapshot: SimJSON {
        .obj([
            "queue_running": .array(running.map { [$0.queueArray] } ?? []),
            "queue_pending": .array(pending.sorted { $0.precedes($1) }.map(\.queueArray)),
        ])
    }
}
