import Foundation

/// A fit of the Universal Scalability Law `X(N) = λN / (1 + α(N−1) + βN(N−1))` to (load, throughput)
/// points: λ the throughput of one client, α contention, β coherency (crosstalk).
///
/// For any (α, β) the best λ is closed-form (linear least squares), so the fit searches (α, β) ≥ 0:
/// a coarse grid (β on a log scale, since it spans orders of magnitude), then repeated zooms around
/// the best cell. α is kept in [0, 1]: beyond 1 adding load would lower throughput without crosstalk. Robust, deterministic, and a few milliseconds for a sweep's handful of points.
public struct USLFit: Sendable, Codable, Equatable {
    public var lambda: Double
    public var alpha: Double
    public var beta: Double
    /// Share of the throughput variance the curve explains (1 = perfect).
    public var rSquared: Double
    /// `N* = sqrt((1−α)/β)`: the load with the highest predicted throughput; nil when β = 0 (no peak).
    public var peakLoad: Double?
    public var peakThroughput: Double?

    public init(lambda: Double, alpha: Double, beta: Double, rSquared: Double = 1) {
        self.lambda = lambda
        self.alpha = alpha
        self.beta = beta
        self.rSquared = rSquared
        if beta > 1e-12, alpha < 1 {
            let peak = ((1 - alpha) / beta).squareRoot()
            peakLoad = peak
            peakThroughput = Self.curve(peak, lambda: lambda, alpha: alpha, beta: beta)
        }
    }

    /// The predicted throughput at load `n`.
    public func predict(_ n: Double) -> Double {
        Self.curve(n, lambda: lambda, alpha: alpha, beta: beta)
    }

    static func curve(_ n: Double, lambda: Double, alpha: Double, beta: Double) -> Double {
        lambda * n / (1 + alpha * (n - 1) + beta * n * (n - 1))
    }

    /// The least-squares fit, or nil with fewer than two distinct positive loads.
    public static func fit(loads: [Double], throughputs: [Double]) -> USLFit? {
        let points = zip(loads, throughputs).filter { $0.0 > 0 && $0.1.isFinite && $0.0.isFinite }
        guard Set(points.map(\.0)).count >= 2 else { return nil }
        let n = points.map(\.0), x = points.map(\.1)
        func evaluate(_ alpha: Double, _ beta: Double) -> (sse: Double, lambda: Double) {
            let f = n.map { $0 / (1 + alpha * ($0 - 1) + beta * $0 * ($0 - 1)) }
            let ff = f.reduce(0) { $0 + $1 * $1 }
            let lambda = ff > 0 ? zip(f, x).reduce(0) { $0 + $1.0 * $1.1 } / ff : 0
            let sse = zip(f, x).reduce(0) { $0 + ($1.1 - lambda * $1.0) * ($1.1 - lambda * $1.0) }
            return (sse, lambda)
        }
        var best = (alpha: 0.0, beta: 0.0, sse: Double.infinity)
        func consider(_ alpha: Double, _ beta: Double) {
            let sse = evaluate(alpha, beta).sse
            if sse < best.sse { best = (alpha, beta, sse) }
        }
        let betas = [0.0] + (0...56).map { pow10(-7 + Double($0) / 8) }
        for i in 0...40 { for beta in betas { consider(Double(i) / 40, beta) } }
        var alphaSpan = 1.0 / 40
        var betaRange = best.beta > 0 ? (best.beta / pow10(1.0 / 8), best.beta * pow10(1.0 / 8)) : (0.0, 1e-7)
        for _ in 0..<14 {
            let center = best
            for i in 0...20 {
                let alpha = min(1, max(0, center.alpha - alphaSpan + 2 * alphaSpan * Double(i) / 20))
                for j in 0...20 {
                    consider(alpha, max(0, betaRange.0 + (betaRange.1 - betaRange.0) * Double(j) / 20))
                }
            }
            alphaSpan /= 5
            let betaSpan = (betaRange.1 - betaRange.0) / 10
            betaRange = (max(0, best.beta - betaSpan), best.beta + betaSpan)
        }
        let lambda = evaluate(best.alpha, best.beta).lambda
        let mean = x.reduce(0, +) / Double(x.count)
        let total = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let r2 = total > 0 ? max(0, 1 - best.sse / total) : 1
        return USLFit(lambda: lambda, alpha: best.alpha, beta: best.beta, rSquared: r2)
    }

    private static func pow10(_ exponent: Double) -> Double { pow(10, exponent) }
}
