import Foundation

/// Two runs side by side, as `compare` prints it and writes compare.html: per-metric deltas with a
/// significance test on the per-sample values, VRAM, environment differences and changed images.
public struct RunComparison: Sendable, Codable, Equatable {
    /// One run's identity.
    public struct Side: Sendable, Codable, Equatable {
        public var directory: String
        public var scenario: String
        public var startedAt: String
        public var prompts: Int
        public var errors: Int
        public var promptsPerMinute: Double
        public var vramUsedPeak: Int64?
    }

    /// One metric in both runs (seconds). `ratio` is B over A: above 1 means B is slower.
    public struct MetricRow: Sendable, Codable, Equatable {
        public var metric: String
        public var countA: Int
        public var countB: Int
        public var p50A: Double?
        public var p50B: Double?
        public var p95A: Double?
        public var p95B: Double?
        public var p99A: Double?
        public var p99B: Double?
        /// p50 of B minus p50 of A.
        public var delta: Double?
        public var ratio: Double?
        /// Mann-Whitney U on the per-sample values; nil for metrics without per-sample values.
        public var test: MannWhitneyTest?
        /// The change exceeds the two runs' noise: p < alpha and |ratio − 1| ≥ the minimum change.
        public var flagged: Bool
    }

    /// A field of the environment fingerprint that differs.
    public struct EnvironmentDifference: Sendable, Codable, Equatable {
        public var field: String
        public var a: String
        public var b: String
    }

    /// An output image present in either run, matched by its path under the run folder.
    public struct ImageDifference: Sendable, Codable, Equatable {
        /// `identical`, `different`, `size differs`, `only in A`, `only in B` or `unreadable`.
        public var status: String
        public var path: String
        public var differingPixels: Int?
        public var maxAbsDiff: Int?
        public var psnr: Double?
        public var ssimMean: Double?
        public var detail: String?
    }

    public var a: Side
    public var b: Side
    public var alpha: Double
    public var minChange: Double
    public var metrics: [MetricRow]
    public var environment: [EnvironmentDifference]
    public var images: [ImageDifference]
    public var notes: [String]

    /// The flagged metrics and images: what a reviewer must look at.
    public var findings: [String] {
        metrics.filter(\.flagged).map { row in
            let ratio = row.ratio ?? 1
            return "\(row.metric) \(ratio > 1 ? "slower" : "faster") ×\(String(format: "%.2f", ratio))"
        } + images.filter { $0.status != "identical" }.map { "image \($0.path): \($0.status)" }
    }
}
