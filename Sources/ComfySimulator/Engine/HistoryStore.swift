/// ComfyUI's in-memory history: insertion-ordered, overwritten in place, at most 10,001 entries.
struct HistoryStore: Sendable {
    static let maximumSize = 10_000
    private var ids: [String] = []
    private var entries: [String: SimJSON] = [:]

    var count: Int { ids.count }

    /// Stores an entry; a reused id keeps its old position (like a Python dict).
    mutating func write(_ promptID: String, _ entry: SimJSON) {
        if entries[promptID] == nil {
            // The size check runs before insertion, so 10,001 entries can exist.
            if ids.count > Self.maximumSize, let oldest = ids.first {
                ids.removeFirst()
                entries[oldest] = nil
            }
            ids.append(promptID)
        }
        entries[promptID] = entry
    }

    func entry(_ promptID: String) -> SimJSON? { entries[promptID] }

    /// `GET /history` semantics: `max_items` alone → the last N; `offset` skips from the start.
    func window(maxItems: Int?, offset: Int?) -> SimJSON {
        var selected = ids[...]
        if let offset {
            selected = selected.dropFirst(max(offset, 0))
            if let maxItems { selected = selected.prefix(max(maxItems, 0)) }
        } else if let maxItems {
            selected = selected.suffix(max(maxItems, 0))
        }
        return .object(selected.compactMap { id in entries[id].map { (key: id, value: $0) } })
    }

    mutating func clear() {
        ids.removeAll()
        entries.removeAll()
    }

    mutating func delete(_ promptID: String) {
        guard entries.removeValue(forKey: promptID) != nil else { return }
        ids.removeAll { $0 == promptID }
    }
}
