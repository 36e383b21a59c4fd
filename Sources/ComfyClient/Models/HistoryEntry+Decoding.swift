extension HistoryEntry {
    /// Reads one entry (the value under its prompt id) of a `/history` reply.
    public init(promptID: String, json: JSONValue) throws {
        let context = "history[\(promptID)]"
        let fields = try JSONFields(json, context: context)
        guard case .array(let tuple)? = fields.value("prompt") else {
            throw fields.wrongType(
                "prompt", "the 5-element [number, id, prompt, extra_data, outputs] array", fields.value("prompt"))
        }
        guard tuple.count >= 5 else {
            throw ComfyDecodingError("\(context).prompt: expected 5 elements, got \(tuple.count)")
        }
        guard let number = tuple[0].doubleValue else {
            throw ComfyDecodingError("\(context).prompt[0]: expected the number, got \(JSONFields.kind(of: tuple[0]))")
        }
        let extra = tuple[3].isNull ? JSONValue.object([:]) : tuple[3]
        let extraFields = try JSONFields(extra, context: "\(context).prompt[3]")
        let outputsToExecute = try JSONFields(.object(["ids": tuple[4]]), context: "\(context).prompt[4]")
            .stringArray("ids")
        var outputs: [String: NodeOutput] = [:]
        if let rawOutputs = fields.value("outputs"), !rawOutputs.isNull {
            for (node, value) in try JSONFields(rawOutputs, context: "\(context).outputs").members {
                outputs[node] = try NodeOutput(json: value, context: "\(context).outputs.\(node)")
            }
        }
        self.init(
            promptID: promptID,
            number: number,
            prompt: tuple[2],
            extraData: ExtraData(
                clientID: try extraFields.optionalString("client_id"),
                createTime: try extraFields.optionalInt64("create_time"),
                raw: extra
            ),
            outputsToExecute: outputsToExecute,
            outputs: outputs,
            status: try HistoryStatus(json: fields.value("status"), context: "\(context).status"),
            meta: fields.value("meta")
        )
    }

    /// Reads a whole `/history` or `/history/{id}` reply: `{id: entry, …}` (`{}` when unknown).
    public static func entries(json: JSONValue) throws -> [String: HistoryEntry] {
        let fields = try JSONFields(json, context: "history")
        var entries: [String: HistoryEntry] = [:]
        for (id, value) in fields.members {
            entries[id] = try HistoryEntry(promptID: id, json: value)
        }
        return entries
    }
}

extension HistoryStatus {
    init(json: JSONValue?, context: String) throws {
        // A missing status (never seen in 0.8.0) reads as "no information", not as a failure to decode.
        guard let json, !json.isNull else {
            self.init(statusString: "", completed: false, messages: [])
            return
        }
        let fields = try JSONFields(json, context: context)
        let list = fields.value("messages")?.arrayValue ?? []
        let messages = try list.enumerated().map { index, element -> HistoryMessage in
            guard case .array(let pair) = element, pair.count == 2, let type = pair[0].stringValue else {
                throw ComfyDecodingError("\(context).messages[\(index)]: expected [event_name, data]")
            }
            let timestamp = pair[1]["timestamp"]?.intValue.map(Int64.init)
            return HistoryMessage(type: type, data: pair[1], timestamp: timestamp)
        }
        self.init(
            statusString: try fields.optionalString("status_str") ?? "",
            completed: try fields.bool("completed", default: false),
            messages: messages
        )
    }
}
