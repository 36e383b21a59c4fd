/// One node input that carries a seed, e.g. KSampler `seed` or KSamplerAdvanced `noise_seed`.
public struct SeedInput: Sendable, Hashable, CustomStringConvertible {
    public let nodeID: String
    public let inputName: String

    public init(nodeID: String, inputName: String) {
        self.nodeID = nodeID
        self.inputName = inputName
    }

    public var description: String { "\(nodeID).\(inputName)" }
}
