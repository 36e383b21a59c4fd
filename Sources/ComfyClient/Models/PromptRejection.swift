/// A 400 from `POST /prompt`: the workflow failed validation; `description` renders one line per node problem.
public struct PromptRejection: Sendable, Hashable, CustomStringConvertible {
    /// The URL that rejected the prompt (credentials redacted).
    public var url: String
    public var error: ValidationIssue
    public var nodeErrors: [NodeValidationError]

    public init(url: String, error: ValidationIssue, nodeErrors: [NodeValidationError]) {
        self.url = url
        self.error = error
        self.nodeErrors = nodeErrors
    }

    /// Reads `{error: {type, message, details, extra_info}, node_errors: {...}}`.
    public init(json: JSONValue, url: String) throws {
        let fields = try JSONFields(json, context: "/prompt 400 reply")
        self.url = url
        error = try ValidationIssue(json: fields.value("error"), context: "/prompt 400 reply.error")
        nodeErrors = try NodeValidationError.list(
            from: fields.value("node_errors"),
            context: "/prompt 400 reply.node_errors"
        )
    }

    /// Every problem, one line each: the node ones, or the prompt-level one when no node is named.
    public var lines: [String] {
        let nodeLines = nodeErrors.flatMap(\.renderedLines)
        if !nodeLines.isEmpty { return nodeLines }
        return ["\(error.type) — \(error.summary)"]
    }

    public var description: String {
        var text = "\(url) rejected the prompt: \(error.message.isEmpty ? error.type : error.message)"
        for line in lines { text += "\n  " + line }
        return text
    }
}
