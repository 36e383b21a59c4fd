import ComfyClient

/// Turns a workflow into the prompt actually sent: seeds set, `set` overrides applied. Pure and deterministic.
public enum WorkflowPreparer {
    /// Input names that carry a seed on core and common custom nodes, used when /object_info is not at hand.
    public static let fallbackSeedNames: Set<String> = ["seed", "noise_seed"]

    /// The constant inputs that take a seed, sorted by node id then name.
    ///
    /// With `objectInfo` (class name → `/object_info` entry): the inputs the server marks
    /// `control_after_generate` (KSampler `seed`, KSamplerAdvanced/RandomNoise `noise_seed`, ImageAddNoise `seed`…).
    /// Without it, or for a class the server does not list: inputs named `seed` or `noise_seed`.
    /// Linked inputs are skipped: their seed comes from the upstream node, which is found on its own.
    public static func seedInputs(in prompt: JSONValue, objectInfo: [String: JSONValue]?) -> [SeedInput] {
        guard case .object(let nodes) = prompt else { return [] }
        var found: [SeedInput] = []
        for id in nodes.keys.sorted(by: NodeID.less) {
            guard let inputs = nodes[id]?["inputs"]?.objectValue else { continue }
            let schema = nodes[id]?["class_type"]?.stringValue.flatMap { className in
                objectInfo.flatMap { NodeSchema.lookup(in: $0)(className) }
            }
            for name in inputs.keys.sorted() where inputs[name]?.arrayValue == nil {
                let isSeed =
                    schema.map { $0.input(name)?.controlAfterGenerate == true } ?? fallbackSeedNames.contains(name)
                if isSeed { found.append(SeedInput(nodeID: id, inputName: name)) }
            }
        }
        return found
    }

    /// The workflow's prompt with every seed input set to `seed`.
    public static func prepare(_ workflow: WorkflowSpec, seed: Int) -> JSONValue {
        var prompt = workflow.prompt
        for input in workflow.seedInputs {
            prompt = setting(.int(seed), at: input, in: prompt)
        }
        return prompt
    }

    /// `prompt` with `value` at `nodeID.inputs.inputName` (unchanged when the node is missing).
    static func setting(_ value: JSONValue, at input: SeedInput, in prompt: JSONValue) -> JSONValue {
        guard case .object(var nodes) = prompt, case .object(var node)? = nodes[input.nodeID] else { return prompt }
        var inputs = node["inputs"]?.objectValue ?? [:]
        inputs[input.inputName] = value
        node["inputs"] = .object(inputs)
        nodes[input.nodeID] = .object(node)
        return .object(nodes)
    }
}
