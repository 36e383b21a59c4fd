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
    case executionInterrupted(
        promptID: String, nodeID: String?, nodeType: String?, executed: [String], timestamp: Int64?)
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
