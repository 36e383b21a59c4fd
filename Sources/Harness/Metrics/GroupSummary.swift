/// The statistics of one workflow (or of the whole run) as written to `run.json`.
public struct GroupSummary: Sendable, Codable, Equatable {
    /// Prompts submitted and measured (warm-up excluded).
    public var prompts: Int
    public var warmup: Int
    public var outcomes: [String: Int]
    public var errors: Int
    /// Errors over measured prompts that were sent (0…1).
    public var errorRate: Double
    public var cached: Int
    public var images: Int
    /// The measured window: from the first measured prompt's scheduled time to the last completion.
    public var windowSeconds: Double
    /// Completed prompts per minute over the window (never derived from summed execution times).
    public var promptsPerMinute: Double
    public var imagesPerMinute: Double
    public var metrics: [String: MetricSummary]
    public var errorExamples: [ErrorExample]

    public init(_ group: MetricsAccumulator.Group) {
        var outcomes: [String: Int] = [:]
        for (outcome, count) in group.outcomes { outcomes[outcome.rawValue] = count }
        self.outcomes = outcomes
        let sent = group.outcomes.filter { $0.key != .cancelled }.values.reduce(0, +)
        prompts = sent
        warmup = group.warmup
        errors = group.outcomes.filter { $0.key.isError }.values.reduce(0, +)
        errorRate = sent > 0 ? Double(errors) / Double(sent) : 0
        cached = group.outcomes[.cached] ?? 0
        images = group.images
        let completed = group.outcomes[.ok] ?? 0
        if let start = group.firstScheduled, let end = group.lastCompleted, end > start {
            windowSeconds = end - start
            promptsPerMinute = Double(completed) / windowSeconds * 60
            imagesPerMinute = Double(images) / windowSeconds * 60
        } else {
            windowSeconds = 0
            promptsPerMinute = 0
            imagesPerMinute = 0
        }
        metrics = group.histograms.compactMapValues { $0.summary() }
        errorExamples = group.errorExamples.values.sorted { $0.count > $1.count }
    }
}
