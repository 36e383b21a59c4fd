/// A pass/fail condition on one statistic of one metric, e.g. `queue_wait.p95 < 30s`.
public struct ThresholdSpec: Sendable, Equatable {
    /// `queue_wait`, `exec`, `latency`, `submit`, `step_time`, `first_step`, `node_time.<class>`, `download`,
    /// `throughput`, `errors` or `errors.<class>`, `cached`, `vram_used`, `torch_vram_reserved`.
    public var metric: String
    /// `p50`, `p99.9`, `max`, `min`, `mean`, `stddev`, `count`, `rate`, `peak`, `per_min`, `images_per_min`.
    public var statistic: String
    public var comparison: Comparison
    /// In base units: seconds, bytes, a ratio (1% = 0.01), per minute for throughput, a plain count.
    public var value: Double
    /// Only this workflow's prompts (written `txt2img/queue_wait.p95`); nil for all.
    public var workflow: String?
    /// Stop the run as soon as this threshold is crossed.
    public var abortOnFail: Bool
    /// The condition as written, for reports (`< 30s`).
    public var text: String
    public var location: SourceLocation

    public init(
        metric: String, statistic: String, comparison: Comparison, value: Double, workflow: String? = nil,
        abortOnFail: Bool = false, text: String, location: SourceLocation
    ) {
        self.metric = metric
        self.statistic = statistic
        self.comparison = comparison
        self.value = value
        self.workflow = workflow
        self.abortOnFail = abortOnFail
        self.text = text
        self.location = location
    }

    /// The key as written in the scenario: `[workflow/]metric.statistic`.
    public var key: String {
        (workflow.map { "\($0)/" } ?? "") + "\(metric).\(statistic)"
    }

    /// Whether a measured value satisfies the threshold.
    public func isSatisfied(by measured: Double) -> Bool {
        comparison.holds(measured, value)
    }
}
