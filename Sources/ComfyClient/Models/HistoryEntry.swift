/// One finished prompt as `/history` reports it: the stored prompt, outputs, status and timestamped messages.
public struct HistoryEntry: Sendable, Hashable {
    public var promptID: String
    /// The submission number (`prompt[0]`).
    public var number: Double
    /// The API-format workflow as the server stored it (after input coercion); `null` when the entry
    /// was fetched with `history(promptID:includingWorkflow: false)`.
    public var prompt: JSONValue
    public var extraData: ExtraData
    /// Output node ids that were validated and run (`prompt[4]`, unordered).
    public var outputsToExecute: [String]
    /// UI outputs by node id; on error or interrupt, only what completed.
    public var outputs: [String: NodeOutput]
    public var status: HistoryStatus
    /// The raw `meta` object (display/parent node ids per output node), when present.
    public var meta: JSONValue?

    /// `extra_data` of a stored prompt.
    public struct ExtraData: Sendable, Hashable {
        public var clientID: String?
        /// Server enqueue time, ms since the epoch (ComfyUI ≥ late 2025).
        public var createTime: Int64?
        public var raw: JSONValue
    }

    public init(
        promptID: String, number: Double, prompt: JSONValue, extraData: ExtraData, outputsToExecute: [String],
        outputs: [String: NodeOutput], status: HistoryStatus, meta: JSONValue? = nil
    ) {
        self.promptID = promptID
        self.number = number
        self.prompt = prompt
        self.extraData = extraData
        self.outputsToExecute = outputsToExecute
        self.outputs = outputs
        self.status = status
        self.meta = meta
    }
}
