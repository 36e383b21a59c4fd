import ComfyImage
import Foundation

/// Judges a regression pass against a baseline manifest: per image verdicts, per workflow the
/// worst one, image-count and seed-list differences as LAYOUT/MISSING, cached prompts as failures.
public struct RegressionEvaluator: Sendable {
    public let manifest: BaselineManifest
    public let baselineFolder: String
    public let tolerance: Tolerance
    public let environment: EnvironmentFingerprint?
    /// The report folder: actual images are under `regression/actual/`, the rest is written beside them.
    public let reportDirectory: String

    public init(
        manifest: BaselineManifest, baselineFolder: String, tolerance: Tolerance, environment: EnvironmentFingerprint?,
        reportDirectory: String
    ) {
        self.manifest = manifest
        self.baselineFolder = baselineFolder
        self.tolerance = tolerance
        self.environment = environment
        self.reportDirectory = reportDirectory
    }

    /// Baselines from another GPU/ComfyUI/PyTorch are held to "same composition", not to pixels.
    public var acrossEnvironments: Bool {
        guard let recorded = manifest.environment, let environment else { return false }
        return recorded.identity != environment.identity
    }

    public func evaluate(_ executions: [RegressionRunner.Execution], workflows: [WorkflowSpec], freedCache: Bool) async
        -> RegressionSummary
    {
        var results: [RegressionSummary.WorkflowResult] = []
        for workflow in workflows {
            let runs = executions.filter { $0.workflow == workflow.name }
            guard !runs.isEmpty else { continue }
            let override = workflow.tolerance?.tolerance
            let judge = RegressionImageJudge(
                tolerance: override ?? tolerance, acrossEnvironments: acrossEnvironments, reportDirectory: reportDirectory)
            var seeds: [RegressionSummary.SeedResult] = []
            for run in runs { seeds.append(await evaluate(run, judge: judge)) }
            let hash = WorkflowHash.of(workflow)
            let recorded = manifest.workflows[workflow.name]
            var notes: [String] = []
            if let recorded, recorded.hash != hash {
                notes.append("the workflow changed since the baseline was accepted (hash \(recorded.hash.prefix(12)) → \(hash.prefix(12)))")
            }
            let runSeeds = Set(runs.compactMap(\.seed))
            let unrun = (recorded?.seeds ?? []).filter { !runSeeds.contains($0) }
            if !unrun.isEmpty { notes.append("baseline seeds not in this run: \(unrun.map(String.init).joined(separator: ", "))") }
            let images = seeds.flatMap(\.images)
            let worst = images.map(\.verdict).max { $0.severity < $1.severity } ?? .missing
            results.append(
                .init(
                    workflow: workflow.name, hash: hash, baselineHash: recorded?.hash, tolerance: override, verdict: worst,
                    passed: !images.isEmpty && !images.contains(where: \.fails), notes: notes, seeds: seeds))
        }
        return RegressionSummary(
            baselines: baselineFolder, tolerance: tolerance, freedCache: freedCache,
            acrossEnvironments: acrossEnvironments, baselineEnvironment: manifest.environment?.identity,
            currentEnvironment: environment?.identity, environmentDrift: drift(), passed: results.allSatisfy(\.passed),
            workflows: results)
    }

    private func evaluate(_ run: RegressionRunner.Execution, judge: RegressionImageJudge) async -> RegressionSummary.SeedResult {
        let baselines = manifest.images(workflow: run.workflow, seed: run.seed)
        let seedText = run.seed.map { "seed \($0)" } ?? "the workflow"
        var images: [RegressionSummary.ImageResult] = []
        let cached = run.record.outcome == .cached
        if run.record.outcome != .ok {
            let why =
                cached
                ? "served entirely from the server's cache: nothing executed, so nothing was compared — "
                    + "let the harness POST /free (cache_none: false) or start ComfyUI with --cache-none"
                : "the prompt ended \(run.record.outcome.rawValue)" + (run.record.failure.map { ": \($0.message)" } ?? "")
            for index in 0..<max(baselines.count, 1) {
                images.append(.init(index: index, verdict: .missing, reasons: [why], fails: true))
            }
        } else {
            for index in 0..<max(baselines.count, run.files.count) {
                let paths = RelativePaths(workflow: run.workflow, seed: run.seed, index: index)
                if index < baselines.count && index < run.files.count {
                    images.append(
                        await judge.judge(
                            index: index, baselinePath: baselineFolder + "/" + baselines[index].file,
                            baselineDigest: baselines[index].digest, actualPath: run.files[index], relative: paths))
                } else if baselines.isEmpty {
                    images.append(
                        .init(
                            index: index, verdict: .missing,
                            reasons: ["no baseline for \(run.workflow) \(seedText) — record it (baseline record) or approve this run (baseline approve)"],
                            fails: true, actual: paths.actual))
                } else {
                    let where_ = index < run.files.count ? paths.actual : nil
                    images.append(
                        .init(
                            index: index, verdict: .layout,
                            reasons: ["image count \(run.files.count) now, \(baselines.count) in the baseline"],
                            fails: true, actual: where_))
                }
            }
        }
        return .init(seed: run.seed, promptID: run.record.promptID, outcome: run.record.outcome, cached: cached, images: images)
    }

    /// The fingerprint fields that differ, in words.
    private func drift() -> [String] {
        guard let old = manifest.environment, let new = environment else { return [] }
        let fields: [(String, String?, String?)] = [
            ("gpu", old.gpu, new.gpu), ("ComfyUI", old.comfyUIVersion, new.comfyUIVersion),
            ("PyTorch", old.pytorchVersion, new.pytorchVersion), ("Python", old.pythonVersion, new.pythonVersion),
            ("VRAM", old.vramTotal.map(String.init), new.vramTotal.map(String.init)),
        ]
        return fields.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1 ?? "?") → \($0.2 ?? "?")" }
    }
}
