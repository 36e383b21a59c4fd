import Foundation

/// The two-sided Mann-Whitney U test with the normal approximation, tie correction and continuity
/// correction: whether one run's per-sample values tend to be larger than the other's, without
/// assuming any distribution (latencies are skewed and multi-modal).
public struct MannWhitneyTest: Sendable, Equatable, Codable {
    public var countA: Int
    public var countB: Int
    /// U for sample A: the number of (a, b) pairs with a > b, ties counting one half.
    public var u: Double
    public var z: Double
    /// Two-sided p-value; 1 when either sample is empty or every value ties.
    public var pValue: Double
    /// P(a > b) + P(a = b)/2: 0.5 means no shift, 0 or 1 a complete separation.
    public var effect: Double

    public init(_ a: [Double], _ b: [Double]) {
        countA = a.count
        countB = b.count
        guard !a.isEmpty, !b.isEmpty else {
            u = 0; z = 0; pValue = 1; effect = 0.5
            return
        }
        // Rank the pooled values, giving each run of ties the mean of its ranks.
        let pooled = (a.map { ($0, true) } + b.map { ($0, false) }).sorted { $0.0 < $1.0 }
        var rankSumA = 0.0
        var tieTerm = 0.0
        var start = 0
        while start < pooled.count {
            var end = start
            while end + 1 < pooled.count && pooled[end + 1].0 == pooled[start].0 { end += 1 }
            let ties = Double(end - start + 1)
            let rank = Double(start + end) / 2 + 1
            for index in start...end where pooled[index].1 { rankSumA += rank }
            tieTerm += ties * ties * ties - ties
            start = end + 1
        }
        let n1 = Double(a.count), n2 = Double(b.count), n = n1 + n2
        u = rankSumA - n1 * (n1 + 1) / 2
        effect = u / (n1 * n2)
        let mean = n1 * n2 / 2
        let variance = n1 * n2 / 12 * ((n + 1) - tieTerm / (n * (n - 1)))
        guard variance > 0 else {
            z = 0; pValue = 1
            return
        }
        let shift = abs(u - mean)
        z = (u - mean).sign == .minus ? -max(0, shift - 0.5) / variance.squareRoot() : max(0, shift - 0.5) / variance.squareRoot()
        pValue = min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}
