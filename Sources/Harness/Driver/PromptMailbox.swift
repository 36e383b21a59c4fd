import ComfyClient
import NIOConcurrencyHelpers

/// One waiting prompt's inbox in the `EventRouter`.
///
/// Events are folded into the prompt's timeline where they arrive (on the curl thread, which reads
/// the socket), so the prompt's task is woken only when it has something to do: the server wrote its history, or a signal
/// came (the socket went down, a poll found the history, the run cancelled it, its deadline passed).
/// Before, every event was a wake-up of that task; at one prompt in flight those hops were a large share
/// of the CPU. For the same reason the deadlines live here, checked by the router's one ticker, rather
/// than in a timer task per prompt.
final class PromptMailbox: Sendable {
    /// Why the waiting task was woken.
    enum Wake: Sendable {
        /// `executing: null` arrived: the history is written (read `timeline`).
        case progressed
        case signal(EventRouter.Signal)
    }

    private struct State {
        var timeline: PromptTimeline
        var pending: [Wake] = []
        var waiter: CheckedContinuation<Wake?, Never>?
        /// Closed by the prompt once it stops following: later events and signals are dropped.
        var closed = false
        /// Run-clock seconds when `.deadline` is due: the prompt's timeout, or sooner once it
        /// terminated without `executing: null` (the grace for servers that never send it).
        var deadline: Double
        var deadlineSent = false
    }

    private let clock: RunClock
    private let historyGrace: Double
    private let state: NIOLockedValueBox<State>

    /// - Parameters:
    ///   - deadline: run-clock seconds when the prompt times out.
    ///   - historyGrace: how long after a terminal event to wait for `executing: null`.
    init(timeline: PromptTimeline, clock: RunClock, deadline: Double, historyGrace: Double) {
        self.clock = clock
        self.historyGrace = historyGrace
        state = NIOLockedValueBox(State(timeline: timeline, deadline: deadline))
    }

    /// Folds an event into the timeline; wakes the prompt once its history is written.
    func apply(_ received: ReceivedEvent) {
        let time = clock.seconds(at: received.receivedAt)
        let waiter = state.withLockedValue { state -> CheckedContinuation<Wake?, Never>? in
            guard !state.closed else { return nil }
            let before = (state.timeline.terminated, state.timeline.historyWritten)
            state.timeline.apply(received.event, at: time)
            if state.timeline.terminated && !before.0 {
                // Some servers (and proxies that drop the last frame) never send executing:null.
                state.deadline = min(state.deadline, time + historyGrace)
            }
            guard state.timeline.historyWritten && !before.1 else { return nil }
            return Self.push(.progressed, into: &state)
        }
        waiter?.resume(returning: .progressed)
    }

    /// Delivers `.deadline` once when it is due at `now` (run-clock seconds); called by the router's ticker.
    func checkDeadline(now: Double) {
        let waiter = state.withLockedValue { state -> CheckedContinuation<Wake?, Never>?? in
            guard !state.closed, !state.deadlineSent, now >= state.deadline else { return .none }
            state.deadlineSent = true
            return .some(Self.push(.signal(.deadline), into: &state))
        }
        if case .some(let waiter) = waiter { waiter?.resume(returning: .signal(.deadline)) }
    }

    /// Queues a signal for the prompt, waking it.
    func deliver(_ signal: EventRouter.Signal) {
        let wake = Wake.signal(signal)
        let waiter = state.withLockedValue { state in
            state.closed ? nil : Self.push(wake, into: &state)
        }
        waiter?.resume(returning: wake)
    }

    /// Hands `wake` straight to a parked waiter (returned, to resume outside the lock), else queues it.
    private static func push(_ wake: Wake, into state: inout State) -> CheckedContinuation<Wake?, Never>? {
        if let waiter = state.waiter {
            state.waiter = nil
            return waiter
        }
        state.pending.append(wake)
        return nil
    }

    /// The next wake-up, in arrival order; nil once closed.
    func next() async -> Wake? {
        if let ready = state.withLockedValue({ state -> Wake?? in
            if !state.pending.isEmpty { return .some(state.pending.removeFirst()) }
            return state.closed ? .some(nil) : .none
        }) {
            return ready
        }
        return await withCheckedContinuation { continuation in
            let ready = state.withLockedValue { state -> Wake?? in
                if !state.pending.isEmpty { return .some(state.pending.removeFirst()) }
                if state.closed { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Stops taking events and signals and returns the timeline as it stands.
    func close() -> PromptTimeline {
        let (timeline, waiter) = state.withLockedValue { state in
            state.closed = true
            let waiter = state.waiter
            state.waiter = nil
            return (state.timeline, waiter)
        }
        waiter?.resume(returning: nil)
        return timeline
    }
}
