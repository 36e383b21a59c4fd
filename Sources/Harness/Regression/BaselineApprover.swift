import Foundation

/// `baseline approve <report dir>`: accepts a run's regression outputs as the new baselines and
/// records the comparison each replaced image had at acceptance.
public enum BaselineApprover {
    /// What was accepted, for the command's message.
    public struct Outcome: Sendable {
        public var folder: String
        public var images: Int
        public var skipped: [String]
        public var manifest: BaselineManifest
    }

    public static func approve(reportDirectory: String, baselines override: String? = nil) throws -> Outcome {
        let report = try RunReport.read(from: reportDirectory + "/run.json")
        guard let summary = report.regression else {
            throw HarnessError.usage(
                message: "\(reportDirectory)/run.json: this run has no regression results",
                hint: "approve the report folder of a run whose scenario has a `regression:` section")
        }
        let folder = override ?? summary.baselines
        let existing: BaselineManifest
        if FileManager.default.fileExists(atPath: folder + "/" + BaselineManifest.fileName) {
            existing = try BaselineManifest.read(folder: folder)
        } else {
            existing = BaselineManifest(scenario: report.scenario, environment: nil)
        }
        var candidates: [BaselineStore.Candidate] = []
        var skipped: [String] = []
        for workflow in summary.workflows {
            for seed in workflow.seeds {
                let label = "\(workflow.workflow) seed \(seed.seed.map(String.init) ?? "-")"
                let actual = seed.images.compactMap { image in image.actual.map { (image, $0) } }
                guard seed.outcome == .ok, !seed.cached, !actual.isEmpty else {
                    skipped.append("\(label): \(seed.cached ? "served from cache" : seed.outcome.rawValue), nothing to accept")
                    continue
                }
                for (image, path) in actual {
                    candidates.append(
                        .init(
                            workflow: workflow.workflow, seed: seed.seed, index: image.index,
                            source: reportDirectory + "/" + path, metrics: image.metrics, verdict: image.verdict))
                }
            }
        }
        guard !candidates.isEmpty else {
            throw HarnessError.usage(
                message: "\(reportDirectory): no regression images to accept (\(skipped.joined(separator: "; ")))",
                hint: "run the scenario again once its fixed-seed prompts succeed")
        }
        let hashes = Dictionary(uniqueKeysWithValues: summary.workflows.map { ($0.workflow, $0.hash) })
        let manifest = try BaselineStore(folder: folder).accept(
            candidates, into: existing, hashes: hashes, environment: report.environment.first)
        return Outcome(folder: folder, images: candidates.count, skipped: skipped, manifest: manifest)
    }
}
