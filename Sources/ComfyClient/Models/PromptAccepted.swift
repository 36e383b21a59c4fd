/// The 200 reply of `POST /prompt`: the id, the submission number, and any partial-acceptance errors.
public struct PromptAccepted: Sendable, Hashable {
    public var promptID: String
    /// Submission counter / priority (an integer unless the client sent its own `number`); not a queue position.
    public var number: Double
    /// Output nodes that failed validation while others were accepted; empty in the normal case.
    public var nodeErrors: [NodeValidationError]

    public init(promptID: String, number: Double, nodeErrors: [NodeValidationError] = []) {
        self.promptID = promptID
        self.number = number
        self.nodeErrors = nodeErrors
    }

    /// Reads `{prompt_id, number, node_errors}`.
    public init(json: JSONValue) throws {
        let fields = try JSONFields(json, context: "/prompt reply")
        promptID = try fields.string("prompt_id")
        number = try fields.double("number")
        nodeErrors = try NodeValidationError.list(
            from: fields.value("node_errors"), context: "/prompt reply.node_errors")
    }
}
