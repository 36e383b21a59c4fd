import ComfyClient
import Yams

extension ScenarioParser {
    static let workflowKeys = ["file", "prompt", "weight", "set", "seed", "tolerance"]

    /// `workflows:` is a mapping of name → entry (or name → file path, the short form).
    func readWorkflows(_ node: Node) -> [WorkflowSpec] {
        guard let entries = reader.mapping(node, "workflows", allowed: []) else { return [] }
        if entries.entries.isEmpty {
            reader.error(
                "'workflows' is empty", at: node, hint: "add e.g. 'txt2img: {file: workflows/txt2img.api.json}'")
        }
        return entries.entries.compactMap { readWorkflow(name: $0.key, keyNode: $0.keyNode, value: $0.value) }
    }

    private func readWorkflow(name: String, keyNode: Node, value: Node) -> WorkflowSpec? {
        let entryLocation = reader.location(of: keyNode)
        if name.contains("/") || name.isEmpty {
            reader.error(
                "workflow name '\(name)' may not be empty or contain '/'", at: keyNode,
                hint: "'/' separates the workflow from the metric in per-workflow thresholds")
        }
        if case .scalar = value, value.tagName == .str {
            return loadWorkflow(name: name, fields: nil, fileNode: value, entry: entryLocation)
        }
        guard let fields = reader.mapping(value, "workflow '\(name)'", allowed: Self.workflowKeys) else { return nil }
        switch (fields["file"], fields["prompt"]) {
        case (nil, nil):
            reader.error(
                "workflow '\(name)' needs 'file' or 'prompt'", at: keyNode,
                hint: "file: an API-format JSON (ComfyUI \"Export (API)\"), relative to the scenario")
            return nil
        case (.some, .some):
            reader.error(
                "'file' and 'prompt' are mutually exclusive in workflow '\(name)'", at: fields.keyNode("prompt")!)
            return nil
        default:
            return loadWorkflow(name: name, fields: fields, fileNode: fields["file"], entry: entryLocation)
        }
    }

    private func loadWorkflow(name: String, fields: YAMLMapping?, fileNode: Node?, entry: SourceLocation)
        -> WorkflowSpec?
    {
        var prompt: JSONValue
        var locations: WorkflowLocations
        var sourcePath: String?
        if let fileNode {
            guard let file = reader.string(fileNode, "file of workflow '\(name)'") else { return nil }
            let resolved = resolve(file)
            guard
                let loaded = WorkflowFileLoader.load(
                    path: resolved, entry: reader.location(of: fileNode), sink: reader.sink)
            else { return nil }
            (prompt, locations, sourcePath) = (loaded.0, loaded.1, resolved)
        } else {
            let inline = fields!["prompt"]!
            prompt = inline.jsonValue
            locations = inlineLocations(inline, entry: entry)
        }
        let display = sourcePath.map { "'\($0)'" } ?? "'\(name)'"
        guard WorkflowValidator.validate(prompt, displayName: display, locations: locations, sink: reader.sink) else {
            return nil
        }
        if let setNode = fields?["set"] { prompt = applyOverrides(setNode, to: prompt, workflow: name) }
        let weight =
            fields?["weight"].flatMap { reader.double($0, "weight of workflow '\(name)'", positive: true) } ?? 1
        let seed = fields?["seed"].flatMap { readSeedPolicy($0, workflow: name) } ?? .random
        var spec = WorkflowSpec(
            name: name, prompt: prompt, weight: weight, seed: seed, sourcePath: sourcePath, locations: locations)
        spec.tolerance = fields?["tolerance"].flatMap(readTolerance)
        checkSeeds(spec, at: fields?.keyNode("seed").map(reader.location(of:)) ?? entry)
        return spec
    }

    /// Node and input positions of an inline `prompt:` are the YAML marks themselves.
    private func inlineLocations(_ node: Node, entry: SourceLocation) -> WorkflowLocations {
        var locations = WorkflowLocations(entry: entry)
        guard case .mapping(let nodes) = node else { return locations }
        for (idNode, value) in nodes {
            guard let id = idNode.scalarString else { continue }
            locations.nodes[id] = reader.location(of: idNode)
            guard case .mapping(let inputs)? = value.mapping?["inputs"] else { continue }
            locations.inputs[id] = Dictionary(
                inputs.compactMap { key, _ in key.scalarString.map { ($0, reader.location(of: key)) } },
                uniquingKeysWith: { first, _ in first })
        }
        return locations
    }

    /// Applies `set:`; each key that names no node or input is reported at that key.
    private func applyOverrides(_ node: Node, to prompt: JSONValue, workflow: String) -> JSONValue {
        guard let entries = reader.mapping(node, "set of workflow '\(workflow)'", allowed: []) else { return prompt }
        var result = prompt
        for entry in entries.entries {
            let (applied, problems) = WorkflowOverrides.apply([(entry.key, entry.value.jsonValue)], to: result)
            result = applied
            for problem in problems { reader.error(problem.message, at: entry.keyNode, hint: problem.hint) }
        }
        return result
    }

    /// `random`, an integer, or a list of integers; seeds are 0…2^63−1 here (ComfyUI takes up to 2^64−1).
    func readSeedPolicy(_ node: Node, workflow: String) -> SeedPolicy? {
        let what = "seed of workflow '\(workflow)'"
        switch node {
        case .scalar where node.tagName == .str && node.scalarString == "random":
            return .random
        case .scalar where node.tagName == .int:
            return reader.int(node, what, minimum: 0).map(SeedPolicy.fixed)
        case .sequence(let items):
            let seeds = items.compactMap { reader.int($0, what, minimum: 0) }
            if items.isEmpty {
                reader.error("\(what) is an empty list", at: node, hint: "use 'random', a seed, or [42, 7]")
            }
            return seeds.count == items.count && !seeds.isEmpty ? .list(seeds) : nil
        default:
            reader.error(
                "expected 'random', a seed or a list of seeds for \(what), found \(node.kindDescription)", at: node,
                hint: Suggestion.didYouMean(node.scalarString ?? "", among: ["random"]))
            return nil
        }
    }

    /// A fixed seed needs somewhere to go; a random one without a seed input cannot bust ComfyUI's cache.
    private func checkSeeds(_ spec: WorkflowSpec, at location: SourceLocation) {
        if case .fixed(let seed) = spec.seed, !spec.seedInputs.isEmpty {
            reader.sink.warning(
                "workflow '\(spec.name)' sends the same seed (\(seed)) every time, so ComfyUI serves every prompt after the first from cache",
                at: location,
                hint:
                    "use 'seed: random' for load (fixed seeds belong in 'regression: seeds'), or run the server with --cache-none"
            )
        }
        guard spec.seedInputs.isEmpty else { return }
        if spec.seed.isDeterministic {
            reader.sink.error(
                "workflow '\(spec.name)' has a fixed seed but no seed input (no 'seed' or 'noise_seed' on any node)",
                at: location, hint: "remove 'seed:' or add a seeded node such as KSampler")
        } else {
            reader.sink.warning(
                "workflow '\(spec.name)' has no seed input, so repeated prompts are identical and ComfyUI will serve them from cache",
                at: location, hint: "vary an input with 'set', or run the server with --cache-none")
        }
    }
}
