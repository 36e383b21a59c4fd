/// A validated prompt as a graph: nodes in prompt-dict order, links, cache signatures, execution order.
struct PromptGraph: Sendable {
    struct Node: Sendable {
        let id: String
        let classType: String
        /// Inputs in prompt order.
        let inputs: [(key: String, value: SimJSON)]

        /// Linked inputs as (input name, source node id, output slot).
        var links: [(input: String, source: String, slot: Int)] {
            inputs.compactMap { pair in
                guard case .array(let link) = pair.value, link.count == 2, let source = link[0].stringValue,
                    let slot = link[1].intValue
                else { return nil }
                return (pair.key, source, Int(slot))
            }
        }

        func constant(_ name: String) -> SimJSON? {
            guard let value = inputs.first(where: { $0.key == name })?.value else { return nil }
            if case .array = value { return nil }
            return value
        }
    }

    let nodes: [Node]
    private let byID: [String: Int]

    init(prompt: SimJSON) {
        var nodes: [Node] = []
        var byID: [String: Int] = [:]
        for (id, body) in prompt.objectPairs ?? [] {
            guard let classType = body["class_type"]?.stringValue else { continue }
            byID[id] = nodes.count
            nodes.append(Node(id: id, classType: classType, inputs: body["inputs"]?.objectPairs ?? []))
        }
        self.nodes = nodes
        self.byID = byID
    }

    func node(_ id: String) -> Node? { byID[id].map { nodes[$0] } }

    /// ComfyUI's classic cache key: class, constant inputs and, recursively, the ancestors' keys.
    /// Not keyed on node id, so the same subgraph under other ids hits the cache.
    func cacheSignatures() -> [String: String] {
        var memo: [String: String] = [:]
        var inProgress: Set<String> = []
        func signature(_ id: String, depth: Int) -> String {
            if let known = memo[id] { return known }
            guard let node = node(id), depth < 1000 else { return "missing:\(id)" }
            // Unreachable nodes are not validated, so a cycle can get here: cut it instead of recursing forever.
            guard inProgress.insert(id).inserted else { return "cycle:\(id)" }
            defer { inProgress.remove(id) }
            var text = node.classType
            for (name, value) in node.inputs {
                if case .array(let link) = value, link.count == 2, let source = link[0].stringValue {
                    text += "|\(name)=>\(signature(source, depth: depth + 1))#\(link[1].serialized())"
                } else {
                    text += "|\(name)=\(value.serialized())"
                }
            }
            let key = StableHash.hex(text)
            memo[id] = key
            return key
        }
        for node in nodes { _ = signature(node.id, depth: 0) }
        return memo
    }

    /// The order ComfyUI's `ExecutionList` runs the outputs and their uncached ancestors in
    /// (`add_node` stack walk, then `ux_friendly_pick_node`). Cached nodes run only when they are outputs.
    func executionOrder(outputs: [String], isCached: (String) -> Bool, isOutput: (String) -> Bool) -> [String] {
        var pending: [String] = []
        var pendingSet: Set<String> = []
        var blockCount: [String: Int] = [:]
        var blocking: [String: [String]] = [:]
        var links: [(String, String)] = []
        for output in outputs {
            var stack = [output]
            while let id = stack.popLast() {
                guard !pendingSet.contains(id), let node = node(id) else { continue }
                pendingSet.insert(id)
                pending.append(id)
                blockCount[id] = 0
                blocking[id] = []
                for link in node.links {
                    if !isCached(link.source) {
                        stack.append(link.source)
                        links.append((link.source, id))
                    }
                }
            }
        }
        for (from, to) in links where !(blocking[from]?.contains(to) ?? true) {
            blocking[from, default: []].append(to)
            blockCount[to, default: 0] += 1
        }
        var order: [String] = []
        while true {
            let ready = pending.filter { blockCount[$0] == 0 }
            guard !ready.isEmpty else { break }
            let pick =
                ready.first(where: isOutput)
                ?? ready.first(where: { (blocking[$0] ?? []).contains(where: isOutput) })
                ?? ready.first(where: {
                    (blocking[$0] ?? []).contains { (blocking[$0] ?? []).contains(where: isOutput) }
                })
                ?? ready[0]
            order.append(pick)
            pending.removeAll { $0 == pick }
            for next in blocking[pick] ?? [] { blockCount[next, default: 1] -= 1 }
        }
        return order
    }
}

/// FNV-1a 64-bit: a stable hash (Swift's `Hasher` is seeded per process, so it cannot key caches or pixels).
enum StableHash {
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hex(_ text: String) -> String { String(hash(text), radix: 16) }

    /// SplitMix64 finalizer: mixes a 64-bit value into a well-spread one.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
