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

    /// A binary min-heap, like Python's `heapq` (so `/queue` shows a heap order too, sorted here for readability).
    private(set) var pending: [Item] = []
    private(set) var running: Item?

    var remaining: Int { pending.count + (running == nil ? 0 : 1) }

    mutating func put(_ item: Item) {
        pending.append(item)
        siftUp(pending.count - 1)
    }

    /// Pops the item with the lowest (number, prompt_id) and marks it running.
    mutating func take() -> Item? {
        guard !pending.isEmpty else { return nil }
        pending.swapAt(0, pending.count - 1)
        let item = pending.removeLast()
        if !pending.isEmpty { siftDown(0) }
        running = item
        return item
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard pending[child].precedes(pending[parent]) else { return }
            pending.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var smallest = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < pending.count {
                if pending[child].precedes(pending[smallest]) { smallest = child }
            }
            guard smallest != parent else { return }
            pending.swapAt(parent, smallest)
            parent = smallest
        }
    }

    /// Rebuilds the heap after removals from the middle.
    private mutating func heapify() {
        for index in stride(from: pending.count / 2, through: 0, by: -1) { siftDown(index) }
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
        heapify()
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
