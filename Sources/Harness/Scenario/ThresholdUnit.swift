/// The base unit of a threshold's value, so reports can print measured values the same way.
public enum ThresholdUnit: String, Sendable, Equatable {
    case seconds
    case bytes
    /// A fraction: 0.01 is 1%.
    case ratio
    case perMinute = "per_minute"
    case count

    init(_ kind: Quantity.Kind) {
        switch kind {
        case .duration: self = .seconds
        case .bytes: self = .bytes
        case .ratio: self = .ratio
        case .perMinute: self = .perMinute
        case .count: self = .count
        }
    }
}

extension ThresholdSpec {
    /// The unit `value` is in (seconds for `queue_wait.p95`, a ratio for `errors.rate`, …).
    public var unit: ThresholdUnit {
        // Every spec came through the parser, so the metric and statistic are known; count is the safe fallback.
        ThresholdMetric.family(of: metric)?.kind(of: statistic).map(ThresholdUnit.init) ?? .count
    }
}
