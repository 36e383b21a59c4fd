/// One step of a staged load: a target level held (or ramped to) for a duration.
public struct LoadStage: Sendable, Equatable {
    public var duration: Duration
    /// Closed mode target.
    public var concurrency: Int?
    /// Open mode target, arrivals per second.
    public var rate: Double?
    /// True: move linearly from the previous level to the target over the stage (k6-style ramp).
    /// False: jump to the target at the start of the stage and hold it.
    public var ramp: Bool

    public init(duration: Duration, concurrency: Int? = nil, rate: Double? = nil, ramp: Bool = false) {
        self.duration = duration
        self.concurrency = concurrency
        self.rate = rate
        self.ramp = ramp
    }
}
