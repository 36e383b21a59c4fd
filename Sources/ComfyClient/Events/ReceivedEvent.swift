/// An event with its arrival time on the client's monotonic clock (progress events carry no server time).
public struct ReceivedEvent: Sendable, Equatable {
    public let event: ComfyEvent
    public let receivedAt: ContinuousClock.Instant

    public init(event: ComfyEvent, receivedAt: ContinuousClock.Instant) {
        self.event = event
        self.receivedAt = receivedAt
    }
}
