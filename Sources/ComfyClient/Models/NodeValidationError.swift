/// The validation failures of one node in a `node_errors` map.
public struct NodeValidationError: Sendable, Hashable {
    public var nodeID: String
    public var classType: String
    public var errors: [ValidationIssue]
    /// Output nodes that cannot run because of this node.
    public var dependentOutputs: [String]

    init(nodeID: String, json: JSONValue, context: String) throws {
        let fields = try JSONFields(json, context: context)
        self.nodeID = nodeID
        classType = try fields.optionalString("class_type") ?? "?"
        let list = fields.value("errors")?.arrayValue ?? []
        errors = try list.enumerated().map { try ValidationIssue(json: $1, context: "\(context).errors[\($0)]") }
        dependentOutputs = try fields.stringArray("dependent_outputs")
    }

    /// Parses a `node_errors` object, ordered by node id (numeric ids numerically).
    static func list(from json: JSONValue?, context: String) throws -> [NodeValidationError] {
        guard let json, !json.isNull else { return [] }
        let fields = try JSONFields(json, context: context)
        return try fields.members.map {
            try NodeValidationError(nodeID: $0.key, json: $0.value, context: "\(context).\($0.key)")
        }
        .sorted { NodeID.precedes($0.nodeID, $1.nodeID) }
    }

    /// `node 3 (KSampler): value_not_in_list — sampler_name: 'bogus' not in (list of length 44)`, one line per issue.
    public var renderedLines: [String] {
        if errors.isEmpty {
            return ["node \(nodeID) (\(classType)): invalid because an upstream node is invalid"]
        }
        return errors.map { "node \(nodeID) (\(classType)): \($0.type) — \($0.summary)" }
    }
}
