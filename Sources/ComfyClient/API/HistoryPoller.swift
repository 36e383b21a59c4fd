/// The fallback when the event socket is down: polls `/history/{id}` for given prompts and yields each
/// entry once it appears.
///
/// Transient failures (the server restarting, a timeout) are retried on the next round; the caller's
/// own deadline decides when a prompt is lost (a prompt deleted from the queue never appears).
public struct HistoryPoller: Sendable {
    public let client: ComfyClient
    public let interval: Duration

    public init(client: ComfyClient, interval: Duration = .milliseconds(500)) {
        self.client = client
        self.interval = interval
    }

    /// Polls until every id has an entry (then finishes) or the consuming task stops listening.
    public func entries(for promptIDs: [String]) -> AsyncStream<HistoryEntry> {
        let (stream, continuation) = AsyncStream.makeStream(of: HistoryEntry.self)
        let task = Task { [client, interval] in
            var waiting = promptIDs
            while !waiting.isEmpty && !Task.isCancelled {
                var stillWaiting: [String] = []
                for id in waiting {
                    // nil (not there yet) and errors both mean "ask again next round".
                    if let entry = try? await client.history(promptID: id) {
                        continuation.yield(entry)
                    } else {
                        stillWaiting.append(id)
                    }
                }
                waiting = stillWaiting
                if !waiting.isEmpty { try? await Task.sleep(for: interval) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Polls one prompt until its entry appears; throws `CancellationError` when the task is cancelled.
    public func wait(for promptID: String) async throws -> HistoryEntry {
        while true {
            try Task.checkCancellation()
            if let entry = try? await client.history(promptID: promptID) { return entry }
            try await Task.sleep(for: interval)
        }
    }
}
