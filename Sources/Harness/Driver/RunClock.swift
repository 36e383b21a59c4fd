/// The run's monotonic time base: seconds since the run started, for every client-side timestamp
/// in a `PromptRecord`. Event arrival instants from the WebSocket convert onto the same axis.
public struct RunClock: Sendable {
    public let origin: ContinuousClock.Instant

    public init(origin: ContinuousClock.Instant = .now) {
        self.origin = origin
    }

    /// Seconds since the origin, now.
    public var now: Double { seconds(at: .now) }

    /// Seconds since the origin at `instant`.
    public func seconds(at instant: ContinuousClock.Instant) -> Double {
        let elapsed = origin.duration(to: instant)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Sleeps until `seconds` since the origin (returns at once when that time has passed).
    public func sleep(until seconds: Double) async throws {
        let deadline = origin.advanced(by: .nanoseconds(Int64((seconds * 1e9).rounded())))
        if deadline > .now {
            try await Task.sleep(until: deadline, clock: .continuous)
        }
    }
}
