import Foundation

/// Why a prompt failed while running: the `execution_error` event, also stored as a history message.
public struct ExecutionErrorInfo: Sendable, Hashable {
    public var promptID: String
    public var nodeID: String
    public var nodeType: String
    /// Node ids that finished in this run before the failure.
    public var executed: [String]
    /// Usually ends with a newline (ComfyUI appends OOM tips after it).
    public var exceptionMessage: String
    /// `OSError`, `RuntimeError`, `module.Qualname`, or `ExecutionBlocked`.
    public var exceptionType: String
    public var traceback: [String]
    /// `{input: [formatted values]}` (an empty array for blocked executions).
    public var currentInputs: JSONValue
    public var currentOutputs: [String]
    /// Server wall clock, ms since the epoch; absent for ExecutionBlocker errors.
    public var timestamp: Int64?

    public init(
        promptID: String, nodeID: String, nodeType: String, executed: [String] = [],
        exceptionMessage: String, exceptionType: String, traceback: [String] = [],
        currentInputs: JSONValue = .object([:]), currentOutputs: [String] = [], timestamp: Int64? = nil
    ) {
        self.promptID = promptID
        self.nodeID = nodeID
        self.nodeType = nodeType
        self.executed = executed
        self.exceptionMessage = exceptionMessage
        self.exceptionType = exceptionType
        self.traceback = traceback
        self.currentInputs = currentInputs
        self.currentOutputs = currentOutputs
        self.timestamp = timestamp
    }

    /// Reads the `data` of an `execution_error` message.
    public init(json: JSONValue, context: String = "execution_error.data") throws {
        let fields = try JSONFields(json, context: context)
        promptID = try fields.string("prompt_id")
        nodeID = try fields.optionalString("node_id") ?? ""
        nodeType = try fields.optionalString("node_type") ?? ""
        executed = try fields.stringArray("executed")
        exceptionMessage = try fields.optionalString("exception_message") ?? ""
        exceptionType = try fields.optionalString("exception_type") ?? ""
        traceback = try fields.stringArray("traceback")
        currentInputs = fields.value("current_inputs") ?? .null
        // Lenient: a list of node ids in 0.8.0, but nothing relies on it, so a different shape is not fatal.
        currentOutputs = (try? fields.stringArray("current_outputs")) ?? []
        timestamp = try fields.optionalInt64("timestamp")
    }

    /// `node 1 (LoadImage) raised OSError: Truncated File Read`.
    public var summary: String {
        let message = exceptionMessage.trimmingCharacters(in: .whitespacesAndNewlines)
        return "node \(nodeID) (\(nodeType)) raised \(exceptionType): \(message)"
    }
}
