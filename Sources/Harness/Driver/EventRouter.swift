import ComfyClient
import NIOConcurrencyHelpers

/// Hands each WebSocket event to the prompt it belongs to (by `prompt_id`), and tells every
/// waiting prompt when the socket goes down or comes back, so it can fall back to polling.
///
/// Prompts register *before* they are POSTed: ComfyUI may send `execution_start` before the HTTP
/// reply arrives. `handle` runs on the curl thread that reads the socket (the stream's `onUpdate`):
/// a lock rather than an actor, and each event is folded into its prompt's timeline right there (`PromptMailbox`),
/// so no task is woken per event.
public final class EventRouter: Sendable {
    /// What a waiting prompt can be told besides its events.
    public enum Signal: Sendable {
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
        var routes: [String: PromptMailbox] = [:]
        var connected = false
        var queueRemaining: Int?
        var disconnects = 0
        var failedAttempts = 0
    }

    private let state = NIOLockedValueBox(State())
    /// The one task that checks every waiting prompt's deadline (started with the first prompt).
    private let ticker = NIOLockedValueBox<Task<Void, Never>?>(nil)
    /// How often deadlines are checked: a prompt's `.deadline` comes at most this late.
    private let tick: Duration

    public init(deadlineTick: Duration = .milliseconds(25)) {
        tick = deadlineTick
    }

    deinit {
        ticker.withLockedValue { $0?.cancel() }
    }

    /// Opens the mailbox for a prompt id, holding its timeline; call `unregister` when the prompt is done.
    /// `.deadline` is delivered at `deadline` (run-clock seconds), or `historyGrace` after a terminal event
    /// without `executing: null`.
    func register(
        _ promptID: String, timeline: PromptTimeline, clock: RunClock, deadline: Double, historyGrace: Double
    ) -> PromptMailbox {
        let mailbox = PromptMailbox(timeline: timeline, clock: clock, deadline: deadline, historyGrace: historyGrace)
        let connected = state.withLockedValue { state in
            state.routes[promptID] = mailbox
            return state.connected
        }
        startTicker(clock: clock)
        if !connected { mailbox.deliver(.socketDown) }
        return mailbox
    }

    /// Stops the deadline ticker (the connection is closing).
    public func stop() {
        ticker.withLockedValue { $0?.cancel() }
    }

    private func startTicker(clock: RunClock) {
        ticker.withLockedValue { ticker in
            guard ticker == nil else { return }
            let interval = tick
            ticker = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let self else { return }
                    let now = clock.now
                    for mailbox in self.state.withLockedValue({ Array($0.routes.values) }) {
                        mailbox.checkDeadline(now: now)
                    }
                }
            }
        }
    }

    public func unregister(_ promptID: String) {
        let mailbox = state.withLockedValue { $0.routes.removeValue(forKey: promptID) }
        _ = mailbox?.close()
    }

    /// Delivers a signal to one prompt (history found by a poller, its deadline passed).
    public func deliver(_ signal: Signal, to promptID: String) {
        let mailbox = state.withLockedValue { $0.routes[promptID] }
        mailbox?.deliver(signal)
    }

    /// The ids of every prompt still waiting for its outcome.
    public var activePromptIDs: [String] { state.withLockedValue { Array($0.routes.keys) } }

    public var isConnected: Bool { state.withLockedValue { $0.connected } }
    /// The server's latest `queue_remaining` (pending + running, all clients).
    public var queueRemaining: Int? { state.withLockedValue { $0.queueRemaining } }
    /// Records a queue length read over HTTP (`GET /prompt`) unless a `status` broadcast already
    /// gave one: the broadcast is the fresher source once it has arrived.
    public func seedQueueRemaining(_ remaining: Int) {
        state.withLockedValue { state in
            if state.queueRemaining == nil { state.queueRemaining = remaining }
        }
    }
    public var disconnects: Int { state.withLockedValue { $0.disconnects } }
    /// Connection attempts that ended (failed or dropped) so far.
    public var failedAttempts: Int { state.withLockedValue { $0.failedAttempts } }

    /// Takes one update from the stream; short and non-blocking (it runs on the curl thread, between transfers).
    public func handle(_ update: EventStreamUpdate) {
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
            let mailbox = state.withLockedValue { $0.routes[promptID] }
            mailbox?.apply(received)
        }
    }

    private func broadcast(_ signal: Signal, updating: (inout State) -> Void) {
        let mailboxes = state.withLockedValue { state in
            updating(&state)
            return Array(state.routes.values)
        }
        for mailbox in mailboxes { mailbox.deliver(signal) }
    }
}
