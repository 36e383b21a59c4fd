/// Where a workflow's entry, nodes and inputs were written (scenario or workflow file positions).
public struct WorkflowLocations: Sendable {
    /// The workflow's entry under `workflows:` in the scenario.
    public var entry: SourceLocation
    /// The `"<id>":` key of each node, when it could be found.
    public var nodes: [String: SourceLocation]
    /// The input keys, by node id then input name.
    public var inputs: [String: [String: SourceLocation]]

    public init(
        entry: SourceLocation, nodes: [String: SourceLocation] = [:], inputs: [String: [String: SourceLocation]] = [:]
    ) {
        self.entry = entry
        self.nodes = nodes
        self.inputs = inputs
    }

    /// The best known position for a node: its key, else the scenario entry.
    public func node(_ id: String) -> SourceLocation {
        nodes[id] ?? entry
    }

    /// The best known position for an input: its key, else its node, else the scenario entry.
    public func input(_ id: String, _ name: String) -> SourceLocation {
        inputs[id]?[name] ?? node(id)
    }
}
