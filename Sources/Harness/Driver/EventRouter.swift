import ComfyClient
import NIOConcurrencyHelpers

/// Hands each WebSocket event to the prompt it belongs to (by `prompt_id`), and tells every
/// waiting prompt when the socket goes down or comes back, so it can fall back to polling.
///
/// Prompts register *before* they are POSTed: ComfyUI may send `execution_start` before the HTTP
/// reply arrives. A lock rather than an actor: the pump yields synchronously, without a hop per event.
public final class EventRouter: Sendable {
    /// What a waiting prompt can be told.
    public enum Signal: Sendable {
        case event(ReceivedEvent)
        case socketDown
        case socketUp
        case history(HistoryEntry)
        /// Polling found the prompt neither queued nor in the history: the server forgot it.
        case vanished
        case deadline
        /// The run is stopping and this prompt was removed from the server's queue.
        case cancelled
    }

    private struct State {
        var routes: [String: AsyncStream<Signal>.Continuation] = [:]
        var connected = false
        var queueRemaining: Int?
        var disconnects = 0
        var failedAttempts = 0
    }

    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Opens the channel for a prompt id; call `unregister` when the prompt is done.
    public func register(_ promptID: String) -> AsyncStream<Signal> {
        let (stream, continuation) = AsyncStream<Signal>.makeStream(bufferingPolicy: .unbounded)
        let connected = state.withLockedValue { state in
            state.routes[promptID] = continuation
            return state.connected
        }
        if !connected { continuation.yield(.socketDown) }
        return stream
    }

    public func unregister(_ promptID: String) {
        let continuation = state.withLockedValue { $0.routes.removeValue(forKey: promptID) }
        continuation?.finish()
    }

    /// Delivers a signal to one prompt (history found by a poller, its deadline passed).
    public func deliver(_ signal: Signal, to promptID: String) {
        let continuation = state.withLockedValue { $0.routes[promptID] }
        continuation?.yield(signal)
    }

    /// The ids of every prompt still waiting for its outcome.
    public var activePromptIDs: [String] { state.withLockedValue { Array($0.routes.keys) } }

    public var isConnected: Bool { state.withLockedValue { $0.connected } }
    /// The server's latest `queue_remaining` (pending + running, all clients).
    public var queueRemaining: Int? { state.withLockedValue { $0.queueRemaining } }
    public var disconnects: Int { state.withLockedValue { $0.disconnects } }
    /// Connection attempts that ended (failed or dropped) so far.
    public var failedAttempts: Int { state.withLockedValue { $0.failedAttempts } }

    /// Consumes the event stream until it ends.
    public func pump(_ updates: AsyncStream<EventStreamUpdate>) async {
        for await update in updates {
            handle(update)
        }
    }

    func handle(_ update: EventStreamUpdate) {
        switch update {
        case .connected:
            broadcast(.socketUp) { $0.connected = true }
        case .disconnected, .gaveUp:
            broadcast(.socketDown) { state in
                if state.connected { state.disconnects += 1 }
                state.connected = false
                state.failedAttempts += 1
            }
        case .event(let received):
            if case .status(let remaining, _) = received.event {
                state.withLockedValue { $0.queueRemaining = remaining }
                return
            }
            guard let promptID = received.event.promptID else { return }
            let continuation = state.withLockedValue { $0.routes[promptID] }
            continuation?.yield(.event(received))
        }
    }

    private func broadcast(_ signal: Signal, updating: (inout State) -> Void) {
        let continuations = state.withLockedValue { state in
            updating(&state)
            return Array(state.routes.values)
        }
        for continuation in continuations { continuation.yield(signal) }
    }
}
