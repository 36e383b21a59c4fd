import Logging
import NIOCore
import NIOWebSocket

/// The last handler of an upgraded `/ws` channel: decodes each message and hands it on where it
/// arrives, on the channel's event loop.
///
/// Why not an async sequence of messages: each message then crossed from the event loop to a task
/// (and on to the consumer's), and those thread hops were most of the driver's CPU per prompt. Here a
/// message costs one decode and one call of `emit`, which must therefore be short and never block.
/// Ping/pong, the close handshake and a periodic ping (a half-open socket shows as a missing pong)
/// are handled here too.
final class EventSocketHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// What the connection's owner gets to hear.
    struct Callbacks {
        /// Every update, on the event loop, in arrival order.
        let emit: @Sendable (EventStreamUpdate) -> Void
        /// Why the connection is ending (the first reason wins).
        let ending: @Sendable (String) -> Void
    }

    private let callbacks: Callbacks
    private let ignoredTypes: Set<String>
    private let clientFeatureFlags: JSONValue?
    private let pingInterval: TimeAmount
    private let logger: Logger
    private var pingTask: RepeatedTask?
    private var awaitingPong = false
    private var sentClose = false

    init(
        callbacks: Callbacks, ignoredTypes: Set<String>, clientFeatureFlags: JSONValue?, pingInterval: TimeAmount,
        logger: Logger
    ) {
        self.callbacks = callbacks
        self.ignoredTypes = ignoredTypes
        self.clientFeatureFlags = clientFeatureFlags
        self.pingInterval = pingInterval
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Before any frame can arrive: the upgrade handler replays bytes that came with the 101 later.
        callbacks.emit(.connected)
    }

    /// Called once the upgrade is complete (the HTTP handlers are gone, so frames can be written):
    /// sends the feature-flags handshake and starts the periodic ping.
    func upgradeCompleted(context: ChannelHandlerContext) {
        if let flags = clientFeatureFlags {
            let handshake = JSONValue.object(["type": .string("feature_flags"), "data": flags])
            send(.text, handshake.serializedBytes(), context: context)
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        pingTask = context.eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            let (handler, context) = loopBound.value
            handler.pingTick(context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        pingTask?.cancel()
        pingTask = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        pingTask?.cancel()
        pingTask = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            let receivedAt = ContinuousClock.now
            let payload = frame.unmaskedData
            let event: ComfyEvent? = payload.withUnsafeReadableBytes { bytes in
                if !ignoredTypes.isEmpty, let type = EventFrameDecoding.leadingType(of: bytes), ignoredTypes.contains(type) {
                    return nil
                }
                return EventFrameDecoding.event(fromText: bytes, logger: logger)
            }
            if let event { callbacks.emit(.event(ReceivedEvent(event: event, receivedAt: receivedAt))) }
        case .binary:
            let receivedAt = ContinuousClock.now
            let event = EventFrameDecoding.event(fromBinary: Array(frame.unmaskedData.readableBytesView), logger: logger)
            callbacks.emit(.event(ReceivedEvent(event: event, receivedAt: receivedAt)))
        case .ping:
            send(.pong, frame.unmaskedData, context: context)
        case .pong:
            awaitingPong = false
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode() ?? .normalClosure
            callbacks.ending("closed by the server (\(code))")
            closeHandshake(code: code, context: context)
        default:
            // Continuations are joined by the aggregator before this handler; other opcodes are reserved.
            callbacks.ending("the server sent a frame with reserved opcode \(frame.opcode)")
            closeHandshake(code: .protocolError, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        callbacks.ending(EventFrameDecoding.reason(for: error))
        context.close(promise: nil)
    }

    /// Sends a close frame (unless one went already) and closes the socket once it is written.
    func closeHandshake(code: WebSocketErrorCode, context: ChannelHandlerContext) {
        guard !sentClose else {
            context.close(promise: nil)
            return
        }
        sentClose = true
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data)
        context.writeAndFlush(wrapOutboundOut(frame)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    private func pingTick(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        if awaitingPong {
            callbacks.ending("no pong within \(pingInterval.nanoseconds / 1_000_000_000) s: the connection is half-open")
            context.close(promise: nil)
            return
        }
        awaitingPong = true
        send(.ping, [UInt8]("comfy-harness".utf8), context: context)
    }

    private func send(_ opcode: WebSocketOpcode, _ bytes: some Collection<UInt8>, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        send(opcode, buffer, context: context)
    }

    private func send(_ opcode: WebSocketOpcode, _ buffer: ByteBuffer, context: ChannelHandlerContext) {
        // Client frames must be masked (RFC 6455 §5.3); the encoder applies the key.
        let frame = WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: buffer)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }
}
