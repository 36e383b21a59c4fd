import Foundation

/// How `ComfyEventStream` retries: exponential backoff with jitter, bounded by a failure count.
public struct ReconnectPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maxDelay: Duration
    public var multiplier: Double
    /// Fraction of the delay randomised either way (0.2 → ±20 %), so many harnesses do not reconnect in step.
    public var jitter: Double
    /// Consecutive failed attempts before giving up; nil retries forever. A connection that was up resets it.
    public var maxConsecutiveFailures: Int?

    public init(
        initialDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(10),
        multiplier: Double = 2,
        jitter: Double = 0.2,
        maxConsecutiveFailures: Int? = 20
    ) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = jitter
        self.maxConsecutiveFailures = maxConsecutiveFailures
    }

    /// 200 ms doubling to 10 s, ±20 %, give up after 20 failures in a row (≈ 2.5 min of retrying).
    public static let `default` = ReconnectPolicy()
    /// Connect once; never retry.
    public static let never = ReconnectPolicy(maxConsecutiveFailures: 0)

    /// The wait before attempt `failures + 1`, or nil to give up. `unitRandom` in 0..<1 drives the jitter.
    public func delay(afterFailures failures: Int, unitRandom: Double) -> Duration? {
        if let limit = maxConsecutiveFailures, failures > limit { return nil }
        let exponent = Double(max(0, failures - 1))
        let base = min(seconds(initialDelay) * pow(multiplier, exponent), seconds(maxDelay))
        let spread = min(max(jitter, 0), 1)
        let factor = 1 - spread + 2 * spread * min(max(unitRandom, 0), 1)
        return .nanoseconds(Int64((base * factor * 1e9).rounded()))
    }

    private func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
