/// Turns `/ws` frames into `ComfyEvent`s; malformed input throws a `ComfyDecodingError`, never traps.
public enum ComfyEventDecoder {
    /// Decodes a text frame `{"type": …, "data": {…}}`.
    public static func decode(text: String) throws -> ComfyEvent {
        var text = text
        return try text.withUTF8 { try decode(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Decodes a text frame from its UTF-8 bytes (as received, without making a `String` first).
    public static func decode(utf8 bytes: UnsafeRawBufferPointer) throws -> ComfyEvent {
        if let event = FlatEventDecoder.decode(bytes) { return event }
        return try decodeGeneral(utf8: bytes)
    }

    /// The fast path alone: the event, or nil when the message is not one of the flat shapes it reads.
    @_spi(Testing) public static func decodeFlat(utf8 bytes: UnsafeRawBufferPointer) -> ComfyEvent? {
        FlatEventDecoder.decode(bytes)
    }

    /// The general decoder alone, without the fast path for flat messages (`FlatEventDecoder`), which
    /// must agree with it: for tests and the `event` fuzz target.
    @_spi(Testing) public static func decodeGeneral(utf8 bytes: UnsafeRawBufferPointer) throws -> ComfyEvent {
        let json = try JSONFields.parse(utf8: bytes, context: "text frame")
        let envelope = try JSONFields(json, context: "text frame")
        let type = try envelope.string("type")
        let payload = envelope.value("data") ?? .null
        let context = "\(type).data"
        switch type {
        case "status":
            let data = try JSONFields(payload, context: context)
            let execInfo = try data.object("status").object("exec_info")
            return .status(
                queueRemaining: Int(try execInfo.int64("queue_remaining")), sid: try data.optionalString("sid"))
        case "execution_start":
            let data = try JSONFields(payload, context: context)
            return .executionStart(promptID: try data.string("prompt_id"), timestamp: try data.int64("timestamp"))
        case "execution_cached":
            let data = try JSONFields(payload, context: context)
            return .executionCached(
                promptID: try data.string("prompt_id"),
                nodes: try data.stringArray("nodes"),
                timestamp: try data.int64("timestamp")
            )
        case "executing":
            let data = try JSONFields(payload, context: context)
            return .executing(
                promptID: try data.optionalString("prompt_id"),
                node: try data.optionalString("node"),
                displayNode: try data.optionalString("display_node")
            )
        case "progress":
            let data = try JSONFields(payload, context: context)
            return .progress(
                promptID: try data.optionalString("prompt_id"),
                node: try data.optionalString("node"),
                value: try data.double("value"),
                max: try data.double("max")
            )
        case "progress_state":
            return try decodeProgressState(payload, context: context)
        case "executed":
            let data = try JSONFields(payload, context: context)
            return .executed(
                promptID: try data.string("prompt_id"),
                node: try data.string("node"),
                displayNode: try data.optionalString("display_node"),
                output: data.value("output") ?? .null
            )
        case "execution_success":
            let data = try JSONFields(payload, context: context)
            return .executionSuccess(promptID: try data.string("prompt_id"), timestamp: try data.int64("timestamp"))
        case "execution_error":
            return .executionError(try ExecutionErrorInfo(json: payload, context: context))
        case "execution_interrupted":
            let data = try JSONFields(payload, context: context)
            return .executionInterrupted(
                promptID: try data.string("prompt_id"),
                nodeID: try data.optionalString("node_id"),
                nodeType: try data.optionalString("node_type"),
                executed: try data.stringArray("executed"),
                timestamp: try data.optionalInt64("timestamp")
            )
        case "feature_flags":
            return .featureFlags(payload)
        case "logs":
            return .logs(payload)
        default:
            return .unknownText(type: type, data: payload)
        }
    }

    private static func decodeProgressState(_ payload: JSONValue, context: String) throws -> ComfyEvent {
        let data = try JSONFields(payload, context: context)
        let promptID = try data.string("prompt_id")
        var nodes: [String: NodeProgress] = [:]
        for (key, value) in try data.object("nodes").members {
            let node = try JSONFields(value, context: "\(context).nodes.\(key)")
            nodes[key] = NodeProgress(
                value: try node.double("value"),
                max: try node.double("max"),
                state: try node.optionalString("state") ?? "",
                nodeID: try node.optionalString("node_id") ?? key,
                promptID: try node.optionalString("prompt_id"),
                displayNodeID: try node.optionalString("display_node_id"),
                parentNodeID: try node.optionalString("parent_node_id"),
                realNodeID: try node.optionalString("real_node_id")
            )
        }
        return .progressState(promptID: promptID, nodes: nodes)
    }
}
