import NIOConcurrencyHelpers
import Testing

@testable import ComfyClient

@Suite struct HistoryPollerTests {
    @Test func yieldsEachEntryWhenItAppearsAndSurvivesErrors() async throws {
        let recorded = try Fixtures.json("40_queue_interrupt_delete.json")["history"]
        let calls = NIOLockedValueBox([String: Int]())
        let server = try await TestHTTPServer.start { request in
            let id = String(request.uri.dropFirst("/history/".count))
            let count = calls.withLockedValue { counts in
                counts[id, default: 0] += 1
                return counts[id, default: 0]
            }
            switch (id, count) {
            case ("c519ba44-be72-418c-9c03-9d9b038f5355", _): return FixtureReplay.json(recorded?[id] ?? .null)
            // First a transient failure, then "not there yet", then the entry.
            case (_, 1): return .respond(status: 500, body: Array("restarting".utf8), close: true)
            case (_, 2): return FixtureReplay.json(.object([:]))
            default: return FixtureReplay.json(recorded?[id] ?? .null)
            }
        }
        defer { Task { try await server.shutdown() } }
        let client = ComfyClient(endpoint: try ServerEndpoint(url: server.baseURL))
        let poller = HistoryPoller(client: client, interval: .milliseconds(1))
        var seen: [String] = []
        for await entry in poller.entries(for: [
            "c519ba44-be72-418c-9c03-9d9b038f5355", "80ba962f-ab45-42cf-9269-d14ac275b13c",
        ]) {
            seen.append(entry.promptID)
        }
        #expect(seen == ["c519ba44-be72-418c-9c03-9d9b038f5355", "80ba962f-ab45-42cf-9269-d14ac275b13c"])
        #expect(calls.withLockedValue { $0["80ba962f-ab45-42cf-9269-d14ac275b13c"] } == 3)
        let one = try await poller.wait(for: "80ba962f-ab45-42cf-9269-d14ac275b13c")
        #expect(one.succeeded)
    }

    @Test func waitStopsWhenCancelled() async throws {
        let server = try await TestHTTPServer.start { _ in FixtureReplay.json(.object([:])) }
        defer { Task { try await server.shutdown() } }
        let poller = HistoryPoller(
            client: ComfyClient(endpoint: try ServerEndpoint(url: server.baseURL)), interval: .milliseconds(1))
        let task = Task { try await poller.wait(for: "deleted-from-queue") }
        while server.requests.count < 3 { try await Task.sleep(for: .milliseconds(2)) }
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
    }
}
