import ComfyClient

/// Applies `set:` entries (`"<node id or _meta.title>.<input>": value`) to an API-format prompt.
enum WorkflowOverrides {
    /// Why one `set` key could not be applied.
    struct Problem: Error, Equatable {
        let key: String
        let message: String
        let hint: String?
    }

    /// The node input a key names, or why it names none.
    ///
    /// The input is after the last dot, so titles may contain dots (`SD1.5 loader.ckpt_name`).
    /// An id wins over a title; a title shared by several nodes is ambiguous.
    static func resolve(_ key: String, in prompt: JSONValue) -> Result<SeedInput, Problem> {
        guard case .object(let nodes) = prompt else {
            return .failure(Problem(key: key, message: "the workflow has no nodes", hint: nil))
        }
        guard let dot = key.lastIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
            return .failure(
                Problem(
                    key: key, message: "set key '\(key)' is not '<node>.<input>'",
                    hint: "e.g. \"6.text\" (node id 6) or \"Positive.text\" (node title)"))
        }
        let nodeName = String(key[..<dot])
        let input = String(key[key.index(after: dot)...])
        let id: String
        if nodes[nodeName] != nil {
            id = nodeName
        } else {
            let titled = nodes.keys.filter { nodes[$0]?["_meta"]?["title"]?.stringValue == nodeName }.sorted(
                by: NodeID.less)
            guard let first = titled.first else {
                let names =
                    nodes.keys.sorted(by: NodeID.less) + nodes.values.compactMap { $0["_meta"]?["title"]?.stringValue }
                return .failure(
                    Problem(
                        key: key, message: "set key '\(key)' matches no node id or _meta.title '\(nodeName)'",
                        hint: Suggestion.didYouMean(nodeName, among: names)))
            }
            guard titled.count == 1 else {
                return .failure(
                    Problem(
                        key: key,
                        message:
                            "set key '\(key)': title '\(nodeName)' is shared by nodes \(titled.joined(separator: ", "))",
                        hint: "use the node id, e.g. \"\(first).\(input)\""))
            }
            id = first
        }
        let inputs = nodes[id]?["inputs"]?.objectValue ?? [:]
        guard inputs[input] != nil else {
            let hint =
                Suggestion.didYouMean(input, among: Array(inputs.keys))
                ?? "node \(id) has inputs: \(inputs.keys.sorted().joined(separator: ", "))"
            return .failure(
                Problem(key: key, message: "set key '\(key)': node \(id) has no input '\(input)'", hint: hint))
        }
        return .success(SeedInput(nodeID: id, inputName: input))
    }

    /// Applies every override in order; entries that resolve to nothing are returned as problems.
    static func apply(_ overrides: [(key: String, value: JSONValue)], to prompt: JSONValue) -> (JSONValue, [Problem]) {
        var result = prompt
        var problems: [Problem] = []
        for (key, value) in overrides {
            switch resolve(key, in: result) {
            case .success(let target): result = WorkflowPreparer.setting(value, at: target, in: result)
            case .failure(let problem): problems.append(problem)
            }
        }
        return (result, problems)
    }
}
