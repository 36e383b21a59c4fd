import ComfyClient

/// One API-format workflow of a scenario, with its share of the load and how its seeds are chosen.
public struct WorkflowSpec: Sendable {
    /// The key under `workflows:`; per-workflow thresholds and reports use it.
    public var name: String
    /// The API-format prompt (`{"<id>": {"class_type", "inputs"}}`) with the `set` overrides applied.
    public var prompt: JSONValue
    /// Relative share of submissions (weights need not sum to 1).
    public var weight: Double
    public var seed: SeedPolicy
    /// Inputs that receive the per-prompt seed, found without /object_info (by name); the driver may
    /// refine them with `WorkflowPreparer.seedInputs(in:objectInfo:)` once it has fetched /object_info.
    public var seedInputs: [SeedInput]
    /// The resolved workflow file, nil for an inline `prompt:`.
    public var sourcePath: String?
    /// Where the entry and its nodes were written, so preflight diagnostics can point at them.
    public var locations: WorkflowLocations

    public init(
        name: String, prompt: JSONValue, weight: Double = 1, seed: SeedPolicy = .random,
        seedInputs: [SeedInput]? = nil, sourcePath: String? = nil, locations: WorkflowLocations? = nil
    ) {
        self.name = name
        self.prompt = prompt
        self.weight = weight
        self.seed = seed
        self.seedInputs = seedInputs ?? WorkflowPreparer.seedInputs(in: prompt, objectInfo: nil)
        self.sourcePath = sourcePath
        self.locations = locations ?? WorkflowLocations(entry: .start(of: sourcePath ?? name))
    }
}

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

/// Where a workflow's entry, nodes and inputs were written (scenario or workflow file positions).
public struct WorkflowLocations: Sendable {
    /// The workflow's entry under `workflows:` in the scenario.
    public var entry: SourceLocation
    /// The `"<id>":` key of each node, when it could be found.
    public var nodes: [String: SourceLocation]
    /// The input keys, by node id then input name.
    public var inputs: [String: [String: SourceLocation]]

    public init(
        entry: SourceLocation, nodes: [String: SourceLocation] = [:], inputs: [String: [String: SourceLocation]] = [:]
    ) {
        self.entry = entry
        self.nodes = nodes
        self.inputs = inputs
    }

    /// The best known position for a node: its key, else the scenario entry.
    public func node(_ id: String) -> SourceLocation {
        nodes[id] ?? entry
    }

    /// The best known position for an input: its key, else its node, else the scenario entry.
    public func input(_ id: String, _ name: String) -> SourceLocation {
        inputs[id]?[name] ?? node(id)
    }
}
