import ComfyClient

/// One shared `GET /queue` for every prompt of a connection that polls while the WebSocket is down,
/// so a thousand waiting prompts cost one queue read per interval, not a thousand.
///
/// A snapshot counts for a prompt only if its request *started* after the prompt was accepted: ComfyUI
/// moves a finished prompt from the queue to the history under one lock, so "not in a queue read that
/// started after acceptance, then not in a later history read" means the prompt is gone (a restarted
/// server, a cleared queue, or a history that was never written).
public actor QueueProbe {
    private let client: ComfyClient
    private var last: (startedAt: ContinuousClock.Instant, snapshot: QueueSnapshot?)?
    private var running: Task<(startedAt: ContinuousClock.Instant, snapshot: QueueSnapshot?), Never>?

    public init(client: ComfyClient) {
        self.client = client
    }

    /// A snapshot whose request started at or after `notBefore`; nil when the server did not answer.
    public func snapshot(notBefore: ContinuousClock.Instant) async -> QueueSnapshot? {
        if let last, last.startedAt >= notBefore { return last.snapshot }
        if let running {
            let shared = await running.value
            if shared.startedAt >= notBefore { return shared.snapshot }
        }
        let client = self.client
        let startedAt = ContinuousClock.now
        let task = Task { (startedAt: startedAt, snapshot: try? await client.queue()) }
        running = task
        let result = await task.value
        if last == nil || last!.startedAt < result.startedAt { last = result }
        if running == task { running = nil }
        return result.snapshot
    }
}

extension QueueSnapshot {
    /// Whether the prompt is pending or running.
    public func contains(_ promptID: String) -> Bool {
        running.contains { $0.promptID == promptID } || pending.contains { $0.promptID == promptID }
    }
}
