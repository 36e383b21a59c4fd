/// One finished prompt as `/history` reports it: the stored prompt, outputs, status and timestamped messages.
public struct HistoryEntry: Sendable {
    public var promptID: String
    /// The submission number (`prompt[0]`).
    public var number: Double
    /// The API-format workflow as the server stored it (after input coercion).
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
    public struct ExtraData: Sendable {
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

/// One node's UI output in history (or an `executed` event): its files plus the raw JSON.
public struct NodeOutput: Sendable, Hashable {
    /// The `images` list (SaveImage: type `output`; PreviewImage: type `temp`).
    public var images: [OutputFile]
    /// e.g. `{"images": [...]}`, `{"text": ["42"]}`, `{"gifs": [...]}`.
    public var raw: JSONValue

    public init(json: JSONValue, context: String = "output") throws {
        raw = json
        guard let list = json["images"], !list.isNull else {
            images = []
            return
        }
        guard case .array(let elements) = list else {
            throw ComfyDecodingError("\(context).images: expected an array, got \(JSONFields.kind(of: list))")
        }
        images = try elements.enumerated().map { try OutputFile(json: $1, context: "\(context).images[\($0)]") }
    }

    /// Every file under any key (`images`, `gifs`, `audio`, `video`, …): elements with a `filename`.
    public var allFiles: [OutputFile] {
        guard case .object(let members) = raw else { return [] }
        return members.keys.sorted().flatMap { key -> [OutputFile] in
            (members[key]?.arrayValue ?? []).compactMap { element in
                element["filename"] == nil ? nil : try? OutputFile(json: element)
            }
        }
    }
}

/// `status` of a history entry: `success`/`error`, and the run's timestamped `execution_*` messages.
public struct HistoryStatus: Sendable, Hashable {
    /// `success` or `error` (interrupted prompts read `error` too).
    public var statusString: String
    public var completed: Bool
    public var messages: [HistoryMessage]

    public init(statusString: String, completed: Bool, messages: [HistoryMessage]) {
        self.statusString = statusString
        self.completed = completed
        self.messages = messages
    }
}

/// One `[event_name, data]` pair of `status.messages`.
public struct HistoryMessage: Sendable, Hashable {
    public var type: String
    public var data: JSONValue
    /// `data.timestamp`, ms since the epoch.
    public var timestamp: Int64?

    public init(type: String, data: JSONValue, timestamp: Int64?) {
        self.type = type
        self.data = data
        self.timestamp = timestamp
    }
}
