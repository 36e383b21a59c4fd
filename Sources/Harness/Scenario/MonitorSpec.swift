/// How the host is sampled while a run goes on (`/system_stats`).
public struct MonitorSpec: Sendable, Equatable {
    public var interval: Duration

    public init(interval: Duration = .seconds(1)) {
        self.interval = interval
    }
}
