import ComfyImage

/// The regression section of `run.json`: per workflow, seed and image, the verdict with its
/// evidence and the report-relative paths of the baseline, actual, diff and heat-map pictures.
public struct RegressionSummary: Sendable, Codable, Equatable {
    /// The baseline folder compared against (as resolved from the scenario; `baseline approve` writes there).
    public var baselines: String
    public var tolerance: Tolerance
    /// `POST /free` was sent before the pass (false when the scenario says the server runs `--cache-none`).
    public var freedCache: Bool
    /// The baselines come from another environment: only LAYOUT, MISSING and "different image" fail.
    public var acrossEnvironments: Bool
    public var baselineEnvironment: String?
    public var currentEnvironment: String?
    /// Fingerprint fields that differ from the baselines', in words ("gpu: A → B").
    public var environmentDrift: [String]
    public var passed: Bool
    public var workflows: [WorkflowResult]

    /// One workflow: its worst verdict and each seed's images.
    public struct WorkflowResult: Sendable, Codable, Equatable {
        public var workflow: String
        public var hash: String
        public var baselineHash: String?
        /// This workflow's own tolerance, when it overrides the scenario's.
        public var tolerance: Tolerance?
        public var verdict: ImageVerdict
        public var passed: Bool
        /// Observations that do not fail by themselves (workflow edited, baseline seeds not run).
        public var notes: [String]
        public var seeds: [SeedResult]
    }

    /// One fixed-seed prompt.
    public struct SeedResult: Sendable, Codable, Equatable {
        public var seed: Int?
        public var promptID: String
        public var outcome: PromptOutcome
        /// Served entirely from the server's cache: nothing executed, so nothing could be compared.
        public var cached: Bool
        public var images: [ImageResult]
    }

    /// One output position (workflow × seed × index).
    public struct ImageResult: Sendable, Codable, Equatable {
        public var index: Int
        public var verdict: ImageVerdict
        public var composition: Composition?
        public var reasons: [String]
        public var metrics: ImageDiffMetrics?
        public var fails: Bool
        /// Paths relative to the report folder, chosen by the harness.
        public var baseline: String?
        public var actual: String?
        public var diff: String?
        public var heatMap: String?
    }

    /// One line per failing image, for the run verdict and the terminal.
    public var failureReasons: [String] {
        workflows.flatMap { workflow in
            workflow.seeds.flatMap { seed in
                seed.images.filter(\.fails).map { image in
                    "regression \(workflow.workflow) seed \(seed.seed.map(String.init) ?? "-") image \(image.index): "
                        + ImageVerdictResult(verdict: image.verdict, composition: image.composition, reasons: image.reasons).summary
                }
            }
        }
    }
}

extension ImageVerdict {
    /// Severity for a workflow's overall verdict: the worst image decides.
    var severity: Int {
        switch self {
        case .identical: 0
        case .equivalent: 1
        case .regressed: 2
        case .layout: 3
        case .missing: 4
        }
    }
}
