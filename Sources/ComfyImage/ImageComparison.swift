/// The result of comparing two equal-sized images: the metrics and the options they were made with.
public struct ImageComparison: Sendable, Equatable {
    public var metrics: ImageDiffMetrics
    public var options: CompareOptions

    public init(metrics: ImageDiffMetrics, options: CompareOptions) {
        self.metrics = metrics
        self.options = options
    }
}
