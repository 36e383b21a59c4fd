/// How each prompt's seed is chosen.
public enum SeedPolicy: Sendable, Equatable {
    /// A fresh seed per prompt: the load default, because ComfyUI executes nothing for a resubmitted prompt.
    case random
    /// The same seed every time (regression runs; expect cached results unless the cache is cleared).
    case fixed(Int)
    /// Seeds used in turn, prompt i gets `seeds[i % count]`.
    case list([Int])

    /// Random seeds stay below 2^53 so every JSON consumer (JavaScript UIs included) reads them exactly.
    public static let randomRange: ClosedRange<Int> = 0...((1 << 53) - 1)

    /// The seed for the `index`-th prompt of this workflow.
    public func seed(forPrompt index: Int, using generator: inout some RandomNumberGenerator) -> Int {
        switch self {
        case .random: return Int.random(in: Self.randomRange, using: &generator)
        case .fixed(let seed): return seed
        case .list(let seeds):
            guard !seeds.isEmpty else { return 0 }
            return seeds[((index % seeds.count) + seeds.count) % seeds.count]
        }
    }

    /// Whether every prompt carries a known seed (the results are reproducible, and may be cached).
    public var isDeterministic: Bool { self != .random }
}
