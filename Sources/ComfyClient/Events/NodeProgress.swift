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
