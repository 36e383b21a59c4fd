import ComfyClient
import Foundation

/// Runs the regression pass: every workflow once per fixed seed, one prompt at a time, outputs kept
/// under harness-chosen names, after `POST /free` so ComfyUI cannot answer from its cache.
public struct RegressionRunner: Sendable {
    /// One fixed-seed prompt of the pass and where its outputs were written.
    public struct Execution: Sendable {
        public var workflow: String
        public var seed: Int?
        public var record: PromptRecord
        /// Paths of the downloaded images, in output order (empty unless the prompt ran and downloaded).
        public var files: [String]
    }

    public let connection: ServerConnection
    public let clock: RunClock
    public let timeout: Double

    public init(connection: ServerConnection, clock: RunClock, timeout: Double) {
        self.connection = connection
        self.clock = clock
        self.timeout = timeout
    }

    /// The (workflow, seed) pairs of the pass: seeds deduplicated (an identical prompt would be
    /// served from cache); a workflow without a seed input runs once.
    public static func plan(_ scenario: Scenario, spec: RegressionSpec) -> [PlannedPrompt] {
        var seen = Set<Int>()
        let seeds = spec.seeds.filter { seen.insert($0).inserted }
        var planned: [PlannedPrompt] = []
        for workflow in scenario.workflows {
            if workflow.seedInputs.isEmpty {
                planned.append(PlannedPrompt(sequence: planned.count, workflow: workflow.name, seed: nil, prompt: workflow.prompt))
                continue
            }
            for seed in seeds {
                planned.append(
                    PlannedPrompt(
                        sequence: planned.count, workflow: workflow.name, seed: seed,
                        prompt: WorkflowPreparer.prepare(workflow, seed: seed)))
            }
        }
        return planned
    }

    /// Frees the server's cache (unless `cacheNone`), then runs `plan` sequentially, writing images
    /// under `outputDirectory/<workflow>/seed-<seed>/<n>.png`.
    /// A stop request (Ctrl-C) lets the running prompt finish and marks the rest cancelled.
    public func run(
        _ plan: [PlannedPrompt], cacheNone: Bool, outputDirectory: String, isStopping: @Sendable () -> Bool = { false }
    ) async throws -> [Execution] {
        if !cacheNone {
            // free_memory drops ComfyUI's output cache; unload_models: false keeps the weights loaded
            // so the pass does not pay a model load per run (ComfyUI defaults unload to free_memory).
            do {
                try await connection.client.free(unloadModels: false, freeMemory: true)
            } catch {
                throw HarnessError.server(
                    url: SecretRedactor.redactURL(connection.endpoint.displayURL) + "/free",
                    reason: "POST /free failed: \(error)",
                    hint: "fixed-seed prompts need a fresh cache; if the server runs with --cache-none, set regression.cache_none: true")
            }
        }
        let lifecycle = PromptLifecycle(
            connection: connection, clock: clock, timeout: timeout, download: .keep(directory: outputDirectory))
        var executions: [Execution] = []
        for planned in plan {
            if isStopping() {
                var record = PromptRecord(
                    promptID: "", sequence: planned.sequence, workflow: planned.workflow, seed: planned.seed,
                    server: connection.endpoint.displayURL, scheduledAt: clock.now)
                record.outcome = .cancelled
                record.failure = .init(message: "not sent: the run was stopped")
                executions.append(Execution(workflow: planned.workflow, seed: planned.seed, record: record, files: []))
                continue
            }
            let record = await lifecycle.run(planned, scheduledAt: clock.now)
            let files =
                record.outcome == .ok
                ? record.outputs.indices.map {
                    OutputStore.path(workflow: planned.workflow, seed: planned.seed, index: $0, under: outputDirectory)
                } : []
            executions.append(Execution(workflow: planned.workflow, seed: planned.seed, record: record, files: files))
        }
        return executions
    }
}
