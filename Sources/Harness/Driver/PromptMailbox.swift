import ComfyClient
import Synchronization

/// One waiting prompt's inbox in the `EventRouter`.
///
/// Events are folded into the prompt's timeline where they arrive (on the socket's event loop), so the
/// prompt's task is woken only when it has something to do: the prompt ended, or a signal came (the
/// socket went down, a poll found the history, the deadline passed, the run cancelled it). Before, every
/// event was a wake-up of that task; at one prompt in flight those hops were a large share of the CPU.
final class PromptMailbox: Sendable {
    /// Why the waiting task was woken.
    enum Wake: Sendable {
        /// The timeline reached a terminal event or `executing: null`: read `timeline`.
        case progressed
        case signal(EventRouter.Signal)
    }

    private struct State {
        var timeline: PromptTimeline
        var pending: [Wake] = []
        var waiter: CheckedContinuation<Wake?, Never>?
        /// Closed by the prompt once it stops following: later events and signals are dropped.
        var closed = false
    }

    private let clock: RunClock
    private let state: Mutex<State>

    init(timeline: PromptTimeline, clock: RunClock) {
        self.clock = clock
        state = Mutex(State(timeline: timeline))
    }

    /// Folds an event into the timeline; wakes the prompt when it terminated or its history was written.
    func apply(_ received: ReceivedEvent) {
        let time = clock.seconds(at: received.receivedAt)
        let waiter = state.withLock { state -> CheckedContinuation<Wake?, Never>? in
            guard !state.closed else { return nil }
            let before = (state.timeline.terminated, state.timeline.historyWritten)
            state.timeline.apply(received.event, at: time)
            guard (state.timeline.terminated, state.timeline.historyWritten) != before else { return nil }
            return Self.push(.progressed, into: &state)
        }
        waiter?.resume(returning: .progressed)
    }

    /// Queues a signal for the prompt, waking it.
    func deliver(_ signal: EventRouter.Signal) {
        let wake = Wake.signal(signal)
        let waiter = state.withLock { state in
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
        if let ready = state.withLock({ state -> Wake?? in
            if !state.pending.isEmpty { return .some(state.pending.removeFirst()) }
            return state.closed ? .some(nil) : .none
        }) {
            return ready
        }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Wake?? in
                if !state.pending.isEmpty { return .some(state.pending.removeFirst()) }
                if state.closed { return .some(nil) }
                state.waiter = continuation
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    /// Reads or changes the timeline (the prompt's own fields: sent and accepted times, its number).
    func withTimeline<T>(_ body: (inout PromptTimeline) -> T) -> T {
        state.withLock { body(&$0.timeline) }
    }

    /// Stops taking events and signals and returns the timeline as it stands.
    func close() -> PromptTimeline {
        let (timeline, waiter) = state.withLock { state in
            state.closed = true
            let waiter = state.waiter
            state.waiter = nil
            return (state.timeline, waiter)
        }
        waiter?.resume(returning: nil)
        return timeline
    }
}
