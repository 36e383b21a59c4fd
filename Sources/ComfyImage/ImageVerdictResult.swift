/// A verdict with its evidence: the metrics and, in words, which limits failed (or held).
public struct ImageVerdictResult: Sendable, Codable, Equatable {
    public var verdict: ImageVerdict
    /// Set for REGRESSED only.
    public var composition: Composition?
    /// Nil for MISSING and LAYOUT.
    public var metrics: ImageDiffMetrics?
    /// Why: each failed limit for REGRESSED, the drift for EQUIVALENT, the sizes for LAYOUT.
    public var reasons: [String]

    public init(
        verdict: ImageVerdict, composition: Composition? = nil, metrics: ImageDiffMetrics? = nil, reasons: [String] = []
    ) {
        self.verdict = verdict
        self.composition = composition
        self.metrics = metrics
        self.reasons = reasons
    }

    /// Whether this result fails the run. Baselines from another environment (GPU, driver, torch,
    /// ComfyUI version) are expected to drift, so across environments only LAYOUT, MISSING and
    /// "different image" fail; within one environment every REGRESSED fails too.
    public func fails(acrossEnvironments: Bool) -> Bool {
        switch verdict {
        case .identical, .equivalent: false
        case .layout, .missing: true
        case .regressed: !acrossEnvironments || composition == .differentImage
        }
    }

    /// One line for logs and JUnit: `REGRESSED (same composition): worst 64-px tile SSIM 0.46 < 0.95 …`.
    public var summary: String {
        var text = verdict.rawValue
        if let composition { text += " (\(composition.rawValue))" }
        if !reasons.isEmpty { text += ": " + reasons.joined(separator: "; ") }
        return text
    }
}
