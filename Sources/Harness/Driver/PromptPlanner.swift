import ComfyClient

/// Picks each prompt's workflow (by weight) and seed (by the workflow's policy) deterministically
/// from the run seed, and produces the exact JSON to submit.
public struct PromptPlanner: Sendable {
    private let workflows: [WorkflowSpec]
    private let cumulativeWeights: [Double]
    private var generator: SplitMix64
    private var listCursor: [String: Int] = [:]

    public init(workflows: [WorkflowSpec], runSeed: UInt64) {
        self.workflows = workflows
        var total = 0.0
        cumulativeWeights = workflows.map { spec in
            total += max(spec.weight, 0)
            return total
        }
        generator = SplitMix64(seed: runSeed)
    }

    /// The plan for prompt number `sequence` (0-based).
    public mutating func next(sequence: Int) -> PlannedPrompt {
        let spec = pickWorkflow()
        let seed = pickSeed(for: spec)
        let prompt = seed.map { WorkflowPreparer.prepare(spec, seed: $0) } ?? spec.prompt
        return PlannedPrompt(sequence: sequence, workflow: spec.name, seed: seed, prompt: prompt)
    }

    private mutating func pickWorkflow() -> WorkflowSpec {
        guard workflows.count > 1, let total = cumulativeWeights.last, total > 0 else { return workflows[0] }
        let target = generator.nextUnit() * total
        let index = cumulativeWeights.firstIndex { target < $0 } ?? workflows.count - 1
        return workflows[index]
    }

    private mutating func pickSeed(for spec: WorkflowSpec) -> Int? {
        guard !spec.seedInputs.isEmpty else { return nil }
        switch spec.seed {
        case .random:
            // Below 2^53 so the seed survives any JSON parser as an exact integer.
            return Int(generator.next() >> 11)
        case .fixed(let seed):
            return seed
        case .list(let seeds):
            guard !seeds.isEmpty else { return nil }
            let cursor = listCursor[spec.name, default: 0]
            listCursor[spec.name] = cursor + 1
            return seeds[cursor % seeds.count]
        }
    }
}
