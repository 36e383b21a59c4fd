/// Fixed-seed runs whose images are compared to committed baselines.
public struct RegressionSpec: Sendable, Equatable {
    /// Every workflow runs once per seed.
    public var seeds: [Int]
    /// The baseline folder, resolved relative to the scenario file.
    public var baselines: String
    public var tolerance: ToleranceSpec
    /// The server runs with `--cache-none`, so no `POST /free` is needed before fixed-seed prompts.
    public var cacheNone: Bool

    public init(seeds: [Int], baselines: String, tolerance: ToleranceSpec = .equivalent, cacheNone: Bool = false) {
        self.seeds = seeds
        self.baselines = baselines
        self.tolerance = tolerance
        self.cacheNone = cacheNone
    }
}
