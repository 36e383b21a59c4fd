import ComfyClient

extension WorkflowValidator {
    /// The first dependency cycle through links, as node ids in order (`["3", "8", "3"]`), nil when acyclic.
    ///
    /// ComfyUI recurses through links while validating, so a cycle ends in an opaque
    /// `exception_during_inner_validation`; naming the nodes here is far more useful.
    static func cycle(in nodes: [String: JSONValue]) -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path, true: finished
        var path: [String] = []

        func visit(_ id: String) -> [String]? {
            if state[id] == true { return nil }
            if state[id] == false, let start = path.firstIndex(of: id) { return Array(path[start...]) + [id] }
            state[id] = false
            path.append(id)
            for source in sources(of: nodes[id]) where nodes[source] != nil {
                if let found = visit(source) { return found }
            }
            path.removeLast()
            state[id] = true
            return nil
        }

        for id in nodes.keys.sorted(by: NodeID.less) {
            if let found = visit(id) { return found }
        }
        return nil
    }

    /// The node ids a node's links point at, in input-name order.
    private static func sources(of node: JSONValue?) -> [String] {
        let inputs = node?["inputs"]?.objectValue ?? [:]
        return inputs.keys.sorted().compactMap { name in
            guard let link = inputs[name]?.arrayValue, link.count == 2 else { return nil }
            return link[0].stringValue
        }
    }
}
