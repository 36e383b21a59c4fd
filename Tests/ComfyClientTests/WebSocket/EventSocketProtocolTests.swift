import Foundation
import Testing

@testable import ComfyClient

/// The event socket's side of RFC 6455 against a loopback server: pings, close handshakes in both
/// directions, refused upgrades, oversized and large messages, skipped types.
@Suite struct EventSocketProtocolTests {
    /// Updates until `until` holds for one (included), or the stream ends; fails instead of hanging.
    static func updates(
        _ stream: ComfyEventStream, until: @escaping @Sendable (EventStreamUpdate) -> Bool
    ) async throws -> [EventStreamUpdate] {
        try await EventStreamCollector.updates(stream) { seen in seen.last.map(until) ?? false }
    }

    static func isDisconnect(_ update: EventStreamUpdate) -> Bool {
        if case .disconnected = update { return true }
        return false
    }

    static func reason(_ updates: [EventStreamUpdate]) -> String {
        guard case .disconnected(let reason)? = updates.last else { return "no disconnect" }
        return reason
    }

    static func stream(_ server: TestWebSocketServer, maxFrameSize: Int = 1 << 20, ignoredTypes: Set<String> = [])
        throws
        -> ComfyEventStream
    {
        ComfyEventStream(
            endpoint: try ServerEndpoint(url: "http://127.0.0.1:\(server.port)"), clientID: "c",
            reconnect: ReconnectPolicy(
                initialDelay: .milliseconds(10), maxDelay: .milliseconds(10), maxConsecutiveFailures: 1),
            maxFrameSize: maxFrameSize, clientFeatureFlags: nil, ignoredTypes: ignoredTypes)
    }

    /// Waits (bounded) until the server has recorded `line` among the client's control frames.
    static func waitFor(_ line: String, on server: TestWebSocketServer) async {
        for _ in 0..<500 where !server.controlFrames.contains(line) { try? await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("a server ping is answered with a pong carrying its payload")
    func answersPings() async throws {
        let server = try await TestWebSocketServer.start(onConnect: { $0.ping("are-you-there") }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server)
        stream.start()
        await Self.waitFor("pong are-you-there", on: server)
        await stream.stop()
        #expect(server.controlFrames.first == "pong are-you-there")
    }

    @Test("a close from the server is answered with its code and named in the reason")
    func answersTheServersClose() async throws {
        let server = try await TestWebSocketServer.start(onConnect: { $0.close(code: 4001) }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server)
        stream.start()
        let updates = try await Self.updates(stream, until: Self.isDisconnect)
        await stream.stop()
        #expect(Self.reason(updates) == "closed by the server (code 4001)")
        await Self.waitFor("close 4001", on: server)
        #expect(server.controlFrames.contains("close 4001"))
    }

    @Test("stop() sends a normal-closure close frame and returns")
    func stopSendsClose() async throws {
        let server = try await TestWebSocketServer.start(
            onConnect: {
                $0.send(text: #"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": 0}}}}"#)
            },
            onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server)
        stream.start()
        _ = try await Self.updates(stream) { if case .event = $0 { return true } else { return false } }
        await stream.stop()
        await Self.waitFor("close 1000", on: server)
        #expect(server.controlFrames == ["close 1000"])
    }

    @Test("a message over maxFrameSize closes with 1009 and says which limit to raise")
    func oversizedMessage() async throws {
        let big = #"{"type": "x", "data": ""# + String(repeating: "a", count: 3000) + #""}"#
        let server = try await TestWebSocketServer.start(onConnect: { $0.send(text: big) }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server, maxFrameSize: 1000)
        stream.start()
        let updates = try await Self.updates(stream, until: Self.isDisconnect)
        await stream.stop()
        #expect(Self.reason(updates).contains("exceeded maxFrameSize (1000 bytes)"), "\(Self.reason(updates))")
        #expect(!updates.contains { if case .event = $0 { return true } else { return false } })
        await Self.waitFor("close 1009", on: server)
        #expect(server.controlFrames.contains("close 1009"))
    }

    @Test("a message larger than the read buffer arrives whole, and the socket goes on after it")
    func largeMessage() async throws {
        let image = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let metadata = Array(#"{"prompt_id": "p1", "node_id": "9"}"#.utf8)
        let frame = [0, 0, 0, 4, 0, 0, 0, UInt8(metadata.count)] + metadata + image
        let server = try await TestWebSocketServer.start(
            onConnect: { connection in
                connection.send(binary: frame)
                connection.send(text: #"{"type": "executing", "data": {"node": "9", "prompt_id": "p1"}}"#)
            }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server)
        stream.start()
        let updates = try await Self.updates(stream) {
            if case .event(let received) = $0, case .executing = received.event { return true }
            return false
        }
        await stream.stop()
        let preview = updates.compactMap { update -> [UInt8]? in
            if case .event(let received) = update, case .previewImageWithMetadata(_, let bytes) = received.event {
                return bytes
            }
            return nil
        }
        #expect(preview == [image])
    }

    @Test("skipped types are not delivered; the others are, in order")
    func skipsIgnoredTypes() async throws {
        let server = try await TestWebSocketServer.start(
            onConnect: { connection in
                connection.send(text: #"{"type": "progress_state", "data": {"prompt_id": "p1", "nodes": {}}}"#)
                connection.send(text: #"{"type": "executing", "data": {"node": "3", "prompt_id": "p1"}}"#)
            }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server, ignoredTypes: ["progress_state"])
        stream.start()
        let updates = try await Self.updates(stream) { if case .event = $0 { return true } else { return false } }
        await stream.stop()
        guard case .event(let received)? = updates.last, case .executing(let id, let node, _) = received.event else {
            Issue.record("expected executing, got \(updates)")
            return
        }
        #expect(id == "p1" && node == "3" && updates.count == 2)  // connected, executing
    }

    @Test("a refused upgrade names the URL and the HTTP status")
    func refusedUpgrade() async throws {
        let server = try await TestWebSocketServer.start(refuseUpgrades: true, onConnect: { _ in }, onText: { _, _ in })
        defer { Task { try await server.shutdown() } }
        let stream = try Self.stream(server)
        stream.start()
        let updates = try await Self.updates(stream, until: Self.isDisconnect)
        await stream.stop()
        let reason = Self.reason(updates)
        #expect(reason.contains("ws://127.0.0.1:\(server.port)/ws?clientId=c"), "\(reason)")
        #expect(reason.contains("refused the WebSocket upgrade (HTTP 4"), "\(reason)")
        #expect(updates.count == 1)  // never connected
    }
}
