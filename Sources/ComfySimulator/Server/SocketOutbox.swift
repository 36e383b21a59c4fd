import NIOConcurrencyHelpers
import NIOCore
import NIOWebSocket

/// Writes one socket's messages straight to its NIO channel, many frames per flush.
///
/// Hummingbird's outbound writer flushes every frame (one `writev` and one event-loop hop per
/// message), which made the simulator, not the harness, the limit of the driver benchmark. The engine
/// publishes a prompt's messages in bursts from its actor; the outbox buffers them and schedules one
/// drain on the channel's event loop when the buffer turns non-empty, so a burst becomes one flush.
/// Order is kept: there is one buffer, drained in order on one event loop.
final class SocketOutbox: Sendable {
    private struct State {
        var pending: [WebSocketHub.Outbound] = []
        var closed = false
    }

    private let channel: any Channel
    private let state = NIOLockedValueBox(State())

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Queues a message; the first of a burst schedules the drain.
    func enqueue(_ message: WebSocketHub.Outbound) {
        let scheduleDrain = state.withLockedValue { state -> Bool in
            guard !state.closed else { return false }
            state.pending.append(message)
            return state.pending.count == 1
        }
        if scheduleDrain {
            channel.eventLoop.execute { self.drain() }
        }
    }

    /// On the event loop: writes every queued frame, then one flush (or the drop fault's TCP cut).
    private func drain() {
        let batch = state.withLockedValue { state -> [WebSocketHub.Outbound] in
            defer { state.pending.removeAll(keepingCapacity: true) }
            return state.pending
        }
        for message in batch {
            switch message {
            case .text(let text):
                let frame = WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: text))
                channel.write(frame, promise: nil)
            case .binary(let bytes):
                let frame = WebSocketFrame(fin: true, opcode: .binary, data: channel.allocator.buffer(bytes: bytes))
                channel.write(frame, promise: nil)
            case .drop:
                // Cut TCP without a close frame, like a dying proxy; what was written before goes out first.
                state.withLockedValue { $0.closed = true }
                channel.flush()
                channel.close(mode: .all, promise: nil)
                return
            }
        }
        channel.flush()
    }
}
