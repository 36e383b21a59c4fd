/// What `ComfyEventStream.updates` delivers: connection changes and events, in arrival order.
public enum EventStreamUpdate: Sendable, Equatable {
    /// The WebSocket upgrade succeeded (again); events from here on are live.
    case connected
    case event(ReceivedEvent)
    /// The socket went down; messages sent while it is down are lost (poll `/history` meanwhile).
    case disconnected(reason: String)
    /// Reconnecting stopped after the policy's limit; the stream then finishes.
    case gaveUp(reason: String)
}
