/// One message from ComfyUI's `/ws` stream (protocol §3.3 text types and §3.5 binary frames).
public enum ComfyEvent: Sendable, Equatable {
    /// Queue length (pending + running); `sid` only in the first message after connecting.
    case status(queueRemaining: Int, sid: String?)
    case executionStart(promptID: String, timestamp: Int64)
    /// Nodes served from the cache (all of them for an identical resubmission).
    case executionCached(promptID: String, nodes: [String], timestamp: Int64)
    /// A node started; `node == nil` means the prompt finished (sent after the history write).
    /// `promptID == nil` (and no display node) for the reconnect message.
    case executing(promptID: String?, node: String?, displayNode: String?)
    case progress(promptID: String?, node: String?, value: Double, max: Double)
    case progressState(promptID: String, nodes: [String: NodeProgress])
    case executed(promptID: String, node: String, displayNode: String?, output: JSONValue)
    case executionSuccess(promptID: String, timestamp: Int64)
    case executionError(ExecutionErrorInfo)
    case executionInterrupted(promptID: String, nodeID: String?, nodeType: String?, executed: [String], timestamp: Int64?)
    /// The server's flags, in reply to the client's `feature_flags` handshake.
    case featureFlags(JSONValue)
    case logs(JSONValue)
    /// Binary type 1: format 1 = JPEG, 2 = PNG, then the encoded image.
    case previewImage(format: UInt32, image: [UInt8])
    /// Binary type 4: `{node_id, prompt_id, display_node_id, …, image_type}` then the encoded image.
    case previewImageWithMetadata(metadata: JSONValue, image: [UInt8])
    /// Binary type 3: text a node reports (e.g. `GetImageSize`); always broadcast, no prompt id.
    case progressText(nodeID: String, text: String)
    /// A text message of a type this client does not know, kept for diagnostics.
    case unknownText(type: String, data: JSONValue)
    case unknownBinary(type: UInt32, payload: [UInt8])

    /// The prompt this event belongs to, when it says.
    public var promptID: String? {
        switch self {
        case .executionStart(let id, _), .executionCached(let id, _, _), .progressState(let id, _),
            .executed(let id, _, _, _), .executionSuccess(let id, _), .executionInterrupted(let id, _, _, _, _):
            return id
        case .executing(let id, _, _), .progress(let id, _, _, _):
            return id
        case .executionError(let info):
            return info.promptID
        case .previewImageWithMetadata(let metadata, _):
            return metadata["prompt_id"]?.stringValue
        case .unknownText(_, let data):
            return data["prompt_id"]?.stringValue
        case .status, .featureFlags, .logs, .previewImage, .progressText, .unknownBinary:
            return nil
        }
    }

    /// True for the messages that end a prompt: success, error, interrupted, or `executing` with no node.
    public var isTerminal: Bool {
        switch self {
        case .executionSuccess, .executionError, .executionInterrupted: return true
        case .executing(let promptID, let node, _): return node == nil && promptID != nil
        default: return false
        }
    }
}

/// One node's entry in a `progress_state` message.
public struct NodeProgress: Sendable, Hashable {
    public var value: Double
    public var max: Double
    /// `running` or `finished` (`error` is defined but unused in 0.8.0).
    public var state: String
    public var nodeID: String
    public var promptID: String?
    public var displayNodeID: String?
    public var parentNodeID: String?
    public var realNodeID: String?

    public init(
        value: Double, max: Double, state: String, nodeID: String, promptID: String? = nil,
        displayNodeID: String? = nil, parentNodeID: String? = nil, realNodeID: String? = nil
    ) {
        self.value = value
        self.max = max
        self.state = state
        self.nodeID = nodeID
        self.promptID = promptID
        self.displayNodeID = displayNodeID
        self.parentNodeID = parentNodeID
        self.realNodeID = realNodeID
    }
}

/// An event with its arrival time on the client's monotonic clock (progress events carry no server time).
public struct ReceivedEvent: Sendable {
    public let event: ComfyEvent
    public let receivedAt: ContinuousClock.Instant

    public init(event: ComfyEvent, receivedAt: ContinuousClock.Instant) {
        self.event = event
        self.receivedAt = receivedAt
    }
}
