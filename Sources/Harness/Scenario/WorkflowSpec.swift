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
    /// `tolerance:` of this workflow, overriding `regression.tolerance` (nil: use the scenario's).
    public var tolerance: ToleranceSpec?

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
