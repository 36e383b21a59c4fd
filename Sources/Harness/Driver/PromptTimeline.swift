import ComfyClient

/// Folds one prompt's WebSocket events into its `PromptRecord`: server timestamps, node phases,
/// sampler steps, outputs and the terminal event. Pure: tests replay the recorded transcripts.
public struct PromptTimeline: Sendable {
    public var record: PromptRecord
    /// `class_type` of every node in the submitted prompt, to name phases.
    private let classTypes: [String: String]
    private var openPhase: Int?
    /// A terminal `execution_*` event arrived.
    public private(set) var terminated = false
    /// `executing` with `node: null` arrived: the server has written the history entry.
    public private(set) var historyWritten = false

    public init(record: PromptRecord, prompt: JSONValue) {
        self.record = record
        var classTypes: [String: String] = [:]
        for (id, node) in prompt.objectValue ?? [:] {
            classTypes[id] = node["class_type"]?.stringValue ?? "?"
        }
        self.classTypes = classTypes
    }

    /// Number of nodes in the prompt (a prompt is fully cached when every one is listed as cached).
    public var nodeCount: Int { classTypes.count }

    /// Applies one event that arrived at `time` (seconds on the run clock).
    public mutating func apply(_ event: ComfyEvent, at time: Double) {
        switch event {
        case .executionStart(_, let timestamp):
            record.executionStartMs = timestamp
            record.startedAt = time
        case .executionCached(_, let nodes, _):
            record.cachedNodes = nodes
        case .executing(_, let node, _):
            closePhase(at: time)
            if let node {
                record.phases.append(.init(node: node, classType: classTypes[node] ?? "?", startedAt: time))
                openPhase = record.phases.count - 1
            } else {
                historyWritten = true
            }
        case .progress(_, let node, _, _):
            guard let index = phaseIndex(for: node) else { return }
            if record.phases[index].steps == nil { record.phases[index].steps = [] }
            record.phases[index].steps?.append(time)
        case .executed(_, _, _, let output):
            for image in output["images"]?.arrayValue ?? [] {
                guard let name = image["filename"]?.stringValue else { continue }
                let file = OutputFile(
                    filename: name, subfolder: image["subfolder"]?.stringValue ?? "",
                    type: image["type"]?.stringValue ?? "output")
                if !record.outputs.contains(file) { record.outputs.append(file) }
            }
        case .executionSuccess(_, let timestamp):
            terminate(at: time, timestamp: timestamp, event: "execution_success")
        case .executionError(let info):
            terminate(at: time, timestamp: info.timestamp, event: "execution_error")
            record.outcome = .execution
            record.failure = .init(
                message: info.exceptionMessage.trimmingTrailingNewlines, node: info.nodeID, nodeType: info.nodeType,
                exceptionType: info.exceptionType)
        case .executionInterrupted(_, let nodeID, let nodeType, _, let timestamp):
            terminate(at: time, timestamp: timestamp, event: "execution_interrupted")
            record.outcome = .interrupted
            record.failure = .init(message: "interrupted", node: nodeID, nodeType: nodeType)
        default:
            break
        }
    }

    /// Whether the server reported every node of the prompt as cached (nothing executed).
    public var fullyCached: Bool {
        guard let cached = record.cachedNodes else { return false }
        return !classTypes.isEmpty && Set(cached).isSuperset(of: classTypes.keys)
    }

    private mutating func terminate(at time: Double, timestamp: Int64?, event: String) {
        closePhase(at: time)
        terminated = true
        record.finishedAt = time
        record.terminalMs = timestamp
        record.terminalEvent = event
    }

    private mutating func closePhase(at time: Double) {
        guard let index = openPhase else { return }
        record.phases[index].seconds = time - record.phases[index].startedAt
        openPhase = nil
    }

    /// Progress belongs to the named node's latest phase, or to the open one when unnamed.
    private func phaseIndex(for node: String?) -> Int? {
        guard let node else { return openPhase }
        return record.phases.lastIndex { $0.node == node }
    }
}

extension String {
    /// ComfyUI appends "\n" (and OOM tips) to exception messages; reports want the text alone.
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}
