import Testing

@testable import ComfyClient

/// Reads a stream's updates in a test, with a hang guard: a stream that never delivers fails the
/// test after 30 s instead of hanging the suite.
enum EventStreamCollector {
    /// Updates until `done` holds for those seen so far, or until the stream ends.
    static func updates(
        _ stream: ComfyEventStream, until done: @escaping @Sendable ([EventStreamUpdate]) -> Bool
    ) async throws -> [EventStreamUpdate] {
        try await withThrowingTaskGroup(of: [EventStreamUpdate]?.self) { group in
            group.addTask {
                var seen: [EventStreamUpdate] = []
                for await update in stream.updates {
                    seen.append(update)
                    if done(seen) { break }
                }
                return seen
            }
            group.addTask {
                try await Task.sleep(for: .seconds(30))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return try #require(first, "the awaited updates did not come within the hang guard")
        }
    }
}
