import ComfyClient

/// Structural checks of an API-format prompt that need no server: shape, class_type/inputs, links.
enum WorkflowValidator {
    /// Reports every structural problem; returns the prompt when it is usable for overrides and seeds.
    @discardableResult
    static func validate(_ prompt: JSONValue, displayName: String, locations: WorkflowLocations, sink: DiagnosticSink)
        -> Bool
    {
        guard case .object(let nodes) = prompt else {
            sink.error(
                "workflow \(displayName) is not an API-format prompt (expected a JSON object of nodes)",
                at: locations.entry)
            return false
        }
        if nodes["nodes"]?.arrayValue != nil || nodes["links"]?.arrayValue != nil {
            sink.error(
                "workflow \(displayName) is in ComfyUI's UI format (top-level 'nodes' and 'links' arrays), not API format",
                at: locations.entry,
                hint: "in ComfyUI use Workflow > Export (API), or enable dev mode and use \"Save (API Format)\"")
            return false
        }
        if let inner = nodes["prompt"], !isNode(inner), inner.objectValue?.values.contains(where: isNode) == true {
            sink.error(
                "workflow \(displayName) looks like a /prompt request body, not a workflow",
                at: locations.entry, hint: "save only the object under \"prompt\"")
            return false
        }
        if nodes.isEmpty {
            sink.error("workflow \(displayName) has no nodes", at: locations.entry)
            return false
        }
        let before = sink.errorCount
        for id in nodes.keys.sorted(by: NodeID.less) {
            checkNode(id, nodes[id]!, all: nodes, displayName: displayName, locations: locations, sink: sink)
        }
        if sink.errorCount == before, let cycle = cycle(in: nodes) {
            sink.error(
                "nodes \(cycle.joined(separator: " → ")) in \(displayName) form a cycle; ComfyUI cannot run it",
                at: locations.node(cycle[0]), hint: "a link must point to an earlier stage of the graph")
        }
        return sink.errorCount == before
    }

    private static func isNode(_ value: JSONValue) -> Bool {
        value["class_type"] != nil
    }

    private static func checkNode(
        _ id: String, _ node: JSONValue, all: [String: JSONValue], displayName: String,
        locations: WorkflowLocations, sink: DiagnosticSink
    ) {
        let at = locations.node(id)
        guard case .object = node else {
            sink.error(
                "node \(id) in \(displayName) is not an object", at: at,
                hint: "each node is {\"class_type\": …, \"inputs\": {…}}")
            return
        }
        if node["class_type"]?.stringValue?.isEmpty != false {
            sink.error(
                "node \(id) in \(displayName) has no class_type", at: at,
                hint: "each node is {\"class_type\": …, \"inputs\": {…}}")
        }
        guard let inputs = node["inputs"]?.objectValue else {
            sink.error(
                "node \(id) in \(displayName) has no inputs object", at: at,
                hint: "use {\"inputs\": {}} for a node without inputs")
            return
        }
        for name in inputs.keys.sorted() {
            guard case .array(let elements) = inputs[name]! else { continue }
            let inputAt = locations.input(id, name)
            // ComfyUI reads every list value as a link: [source node id (a string), output index].
            guard elements.count == 2, let index = elements[1].intValue else {
                sink.error(
                    "input '\(name)' of node \(id) in \(displayName) is a list but not a link [\"<node id>\", <output index>]",
                    at: inputAt)
                continue
            }
            guard let source = elements[0].stringValue else {
                sink.error(
                    "link '\(name)' of node \(id) in \(displayName) names its source node with a number",
                    at: inputAt,
                    hint:
                        "ComfyUI needs the node id as a string: [\"\(elements[0].intValue.map(String.init) ?? "?")\", \(index)]"
                )
                continue
            }
            if all[source] == nil {
                sink.error(
                    "input '\(name)' of node \(id) in \(displayName) links to node \(source), which does not exist",
                    at: inputAt,
                    hint: Suggestion.didYouMean(source, among: Array(all.keys)))
            } else if index < 0 {
                sink.error(
                    "link '\(name)' of node \(id) in \(displayName) has a negative output index \(index)", at: inputAt)
            }
        }
    }
}

/// Node ids are strings that are usually numbers: order them numerically when they are.
enum NodeID {
    static func less(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}
