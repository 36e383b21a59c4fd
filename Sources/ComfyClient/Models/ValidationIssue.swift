/// One validation problem from `POST /prompt`: the top-level `error` or an entry of a node's `errors`.
public struct ValidationIssue: Sendable, Hashable {
    /// e.g. `value_not_in_list`, `required_input_missing`, `invalid_prompt`.
    public var type: String
    public var message: String
    public var details: String
    public var extraInfo: JSONValue

    public init(type: String, message: String, details: String = "", extraInfo: JSONValue = .object([:])) {
        self.type = type
        self.message = message
        self.details = details
        self.extraInfo = extraInfo
    }

    init(json: JSONValue?, context: String) throws {
        let fields = try JSONFields(json, context: context)
        type = try fields.string("type")
        message = try fields.optionalString("message") ?? ""
        details = try fields.optionalString("details") ?? ""
        extraInfo = fields.value("extra_info") ?? .object([:])
    }

    /// The input this issue is about (`extra_info.input_name`), if any.
    public var inputName: String? { extraInfo["input_name"]?.stringValue }

    /// A one-line explanation: `sampler_name: 'bogus' not in (list of length 44)`, `seed: Required input is missing`.
    public var summary: String {
        var text: String
        if let input = inputName {
            if details.hasPrefix(input + ":") {
                text = details  // already says "<input>: <what>"
            } else {
                text = "\(input): \(message)"
                if !details.isEmpty && details != input { text += " (\(details))" }
            }
        } else {
            text = message
            if !details.isEmpty && details != message { text += " (\(details))" }
        }
        if let exceptionType = extraInfo["exception_type"]?.stringValue {
            text += " [\(exceptionType)]"
        }
        return text
    }
}

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
        return try fields.members.map { try NodeValidationError(nodeID: $0.key, json: $0.value, context: "\(context).\($0.key)") }
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

/// Ordering for ComfyUI node ids: numeric ids by value ("2" < "10"), others after, as text.
enum NodeID {
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int(lhs), Int(rhs)) {
        case let (left?, right?): return left < right
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return lhs < rhs
        }
    }
}
