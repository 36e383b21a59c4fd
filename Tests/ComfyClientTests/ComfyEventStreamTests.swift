import Foundation
import NIOHTTP1
import Testing

@testable import ComfyClient

/// `ComfyEventStream` against a loopback WebSocket server: handshake, decoding, reconnect, give-up.
@Suite struct ComfyEventStreamTests {
    /// A readable line per update, so whole sequences compare in one expectation.
    static func line(_ update: EventStreamUpdate) -> String {
        switch update {
        case .connected: return "connected"
        case .disconnected: return "disconnected"
        case .gaveUp: return "gaveUp"
        case .event(let received):
            switch received.event {
            case .status(let remaining, let sid): return "status \(remaining) \(sid ?? "-")"
            case .featureFlags(let flags):
                return "featureFlags \(flags["supports_preview_metadata"]?.boolValue == true)"
            case .previewImageWithMetadata(let metadata, let image):
                return "preview \(metadata["prompt_id"]?.stringValue ?? "-") \(image.count)"
            case .executing(let id, let node, _): return "executing \(id ?? "-") \(node ?? "-")"
            case let other: return "other \(other)"
            }
        }
    }

    /// Reads updates until `count` lines are collected or the stream ends; fails instead of hanging forever.
    static func collect(_ stream: ComfyEventStream, count: Int) async throws -> [String] {
        try await EventStreamCollector.updates(stream) { $0.count == count }.map(line)
    }

    static func status(_ remaining: Int) -> String {
        #"{"type": "status", "data": {"status": {"exec_info": {"queue_remaining": \#(remaining)}}, "sid": "harness-1"}}"#
    }

    @Test func deliversEventsSendsTheHandshakeAndReconnects() async throws {
        let received = LockedLines()
        let server = try await TestWebSocketServer.start(
            onConnect: { connection in
                // Like ComfyUI, the first connection greets at once; the second only after the client's handshake,
                // so the test knows both handshakes arrived once it sees the second status.
                if connection.index == 1 { connection.send(text: Self.status(0)) }
            },
            onText: { connection, text in
                received.append(text)
                guard connection.index == 1 else {
                    connection.send(text: Self.status(1))
                    return
                }
                connection.send(text: #"{"type": "feature_flags", "data": {"supports_preview_metadata": true}}"#)
                let metadata = Array(#"{"prompt_id": "p1", "node_id": "3"}"#.utf8)
                connection.send(binary: [0, 0, 0, 4, 0, 0, 0, UInt8(metadata.count)] + metadata + [0x89, 0x50, 0x4E])
                connection.send(
                    text: #"{"type": "executing", "data": {"node": "3", "display_node": "3", "prompt_id": "p1"}}"#)
                connection.drop()
            }
        )
        defer { Task { try await server.shutdown() } }
        let endpoint = try ServerEndpoint(url: "http://127.0.0.1:\(server.port)", authorization: "Bearer ws-secret")
        let stream = ComfyEventStream(
            endpoint: endpoint, clientID: "harness-1",
            reconnect: ReconnectPolicy(
                initialDelay: .milliseconds(10), maxDelay: .milliseconds(50), maxConsecutiveFailures: 5)
        )
        stream.start()
        let lines = try await Self.collect(stream, count: 8)
        await stream.stop()
        #expect(
            lines == [
                "connected", "status 0 harness-1", "featureFlags true", "preview p1 3", "executing p1 3",
                "disconnected", "connected", "status 1 harness-1",
            ])
        let upgrade = try #require(server.upgradeRequests.first)
        #expect(upgrade.uri == "/ws?clientId=harness-1" && upgrade.headers["Authorization"] == ["Bearer ws-secret"])
        let handshake = try JSONValue.parse(Data(try #require(received.lines.first).utf8))
        #expect(
            handshake
                == .object([
                    "type": .string("feature_flags"), "data": .object(["supports_preview_metadata": .bool(true)]),
                ]))
        #expect(received.lines.count == 2)  // one handshake per connection
        // After stop() the stream is finished.
        var after = 0
        for await _ in stream.updates { after += 1 }
        #expect(after == 0)
    }

    @Test func givesUpAfterThePolicyLimitAndFinishes() async throws {
        let stream = ComfyEventStream(
            endpoint: try ServerEndpoint(url: "http://127.0.0.1:1"), clientID: "c",
            reconnect: ReconnectPolicy(
                initialDelay: .milliseconds(1), maxDelay: .milliseconds(2), maxConsecutiveFailures: 2)
        )
        stream.start()
        var updates: [EventStreamUpdate] = []
        for await update in stream.updates { updates.append(update) }  // finishes on its own after gaveUp
        #expect(updates.map(Self.line) == ["disconnected", "disconnected", "disconnected", "gaveUp"])
        guard case .disconnected(let reason) = updates.first, case .gaveUp(let final) = updates.last else { return }
        #expect(reason.contains("ws://127.0.0.1:1/ws?clientId=c"), "\(reason)")
        #expect(reason.contains("--listen"), "\(reason)")
        #expect(final.contains("3 failed attempts"), "\(final)")
        await stream.stop()
    }
}

/// Text frames the server received, across connections.
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }
}
