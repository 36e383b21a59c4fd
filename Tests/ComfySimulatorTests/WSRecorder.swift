import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket
import WSClient

@testable import ComfySimulator

/// A test WebSocket client that records every text message (parsed) and whether the socket ended.
final class WSRecorder: Sendable {
    private let state = NIOLockedValueBox<(messages: [SimJSON], ended: Bool)>(([], false))
    private let stop: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>

    /// Connects to `url`; `firstMessage` is sent as the first client text frame (feature-flag handshake).
    init(url: String, firstMessage: String? = nil) {
        let (stopStream, stop) = AsyncStream<Void>.makeStream()
        self.stop = stop
        let state = self.state
        task = Task {
            var logger = Logger(label: "ws-test")
            logger.logLevel = .critical
            _ = try? await WebSocketClient.connect(
                url: url, configuration: .init(maxFrameSize: 1 << 24), logger: logger
            ) { inbound, outbound, _ in
                if let firstMessage { try? await outbound.write(.text(firstMessage)) }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            for try await message in inbound.messages(maxSize: 1 << 24) {
                                if case .text(let text) = message, let json = try? SimJSON.parse(text) {
                                    state.withLockedValue { $0.messages.append(json) }
                                } else if case .binary(let buffer) = message {
                                    // Binary frames are recorded as {"type": "binary", "bytes": [...]}.
                                    let bytes = Array(buffer.readableBytesView).map { SimJSON.int(Int64($0)) }
                                    let frame = SimJSON.obj(["type": "binary", "bytes": .array(bytes)])
                                    state.withLockedValue { $0.messages.append(frame) }
                                }
                            }
                        } catch {}
                    }
                    group.addTask {
                        for await _ in stopStream { break }
                        try? await outbound.close(.normalClosure, reason: nil)
                    }
                    await group.next()
                    group.cancelAll()
                }
            }
            state.withLockedValue { $0.ended = true }
        }
    }

    var messages: [SimJSON] { state.withLockedValue { $0.messages } }
    var ended: Bool { state.withLockedValue { $0.ended } }

    /// Waits (bounded, not asserted on time) until `condition` holds for the messages so far.
    @discardableResult
    func waitUntil(timeout: Duration = .seconds(30), _ condition: ([SimJSON]) -> Bool) async -> [SimJSON] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let snapshot = messages
            if condition(snapshot) { return snapshot }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return messages
    }

    /// Waits until `executing` with `node: null` arrives for `promptID`.
    @discardableResult
    func waitForCompletion(of promptID: String) async -> [SimJSON] {
        await waitUntil { messages in
            messages.contains {
                $0["type"]?.stringValue == "executing" && $0["data"]?["node"] == .null
                    && $0["data"]?["prompt_id"]?.stringValue == promptID
            }
        }
    }

    /// Messages about `promptID` plus the status messages between its first and last.
    func messages(for promptID: String) -> [SimJSON] {
        let all = messages
        let indices = all.indices.filter { all[$0]["data"]?["prompt_id"]?.stringValue == promptID }
        guard let first = indices.first, let last = indices.last else { return [] }
        return Array(all[first...last])
    }

    func close() async {
        stop.yield()
        stop.finish()
        _ = await task.value
    }
}

extension Array where Element == SimJSON {
    var types: [String] { compactMap { $0["type"]?.stringValue } }
}
