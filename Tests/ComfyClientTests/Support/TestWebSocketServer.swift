import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A loopback `/ws` server for stream tests, scripted per connection (numbered from 1).
///
/// `onConnect` runs once the upgrade is done; `onText` for each text frame the client sends.
final class TestWebSocketServer: Sendable {
    /// One accepted socket: send frames or drop it.
    struct Connection: Sendable {
        let index: Int
        let channel: any Channel

        func send(text: String) {
            let frame = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: text))
            channel.writeAndFlush(frame, promise: nil)
        }

        func send(binary: [UInt8]) {
            let frame = WebSocketFrame(fin: true, opcode: .binary, data: ByteBuffer(bytes: binary))
            channel.writeAndFlush(frame, promise: nil)
        }

        /// Sends a close frame with `code` (the client should answer with one and close).
        func close(code: UInt16) {
            var data = ByteBuffer()
            data.writeInteger(code)
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data), promise: nil)
        }

        /// Sends a ping with `payload`; the client's pong shows in `controlFrames`.
        func ping(_ payload: String) {
            channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .ping, data: ByteBuffer(string: payload)), promise: nil)
        }

        /// Closes the TCP connection without a close frame, like a crashed server.
        func drop() {
            channel.close(promise: nil)
        }
    }

    typealias OnConnect = @Sendable (Connection) -> Void
    typealias OnText = @Sendable (Connection, String) -> Void

    private let channel: any Channel
    private let upgrades = NIOLockedValueBox<[HTTPRequestHead]>([])
    private let controls = NIOLockedValueBox<[String]>([])
    let port: Int

    /// Control frames the clients sent, as "pong <payload>" or "close <code>", in order.
    var controlFrames: [String] { controls.withLockedValue { $0 } }

    /// The upgrade requests received, in order.
    var upgradeRequests: [HTTPRequestHead] { upgrades.withLockedValue { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
    }

    /// - Parameter refuseUpgrades: answer every upgrade with an HTTP error instead of a 101.
    static func start(
        refuseUpgrades: Bool = false, onConnect: @escaping OnConnect, onText: @escaping OnText
    ) async throws -> TestWebSocketServer {
        let box = NIOLockedValueBox<TestWebSocketServer?>(nil)
        let count = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: 1 << 20,
                    shouldUpgrade: { channel, head in
                        box.withLockedValue { $0?.upgrades.withLockedValue { $0.append(head) } }
                        return channel.eventLoop.makeSucceededFuture(refuseUpgrades ? nil : HTTPHeaders())
                    },
                    upgradePipelineHandler: { channel, _ in
                        let index = count.withLockedValue {
                            $0 += 1; return $0
                        }
                        let connection = Connection(index: index, channel: channel)
                        let record: @Sendable (String) -> Void = { line in
                            box.withLockedValue { $0?.controls.withLockedValue { $0.append(line) } }
                        }
                        return channel.eventLoop.makeCompletedFuture {
                            try channel.pipeline.syncOperations.addHandler(
                                FrameHandler(connection: connection, onConnect: onConnect, onText: onText, record: record)
                            )
                        }
                    }
                )
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in })
                    )
                    // A request the upgrader passed on (refused) gets a 403, as from a proxy's Origin check.
                    if refuseUpgrades { try channel.pipeline.syncOperations.addHandler(ForbiddenHandler()) }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = TestWebSocketServer(channel: channel)
        box.withLockedValue { $0 = server }
        return server
    }

    func shutdown() async throws {
        try await channel.close()
    }
}

private final class FrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let connection: TestWebSocketServer.Connection
    let onConnect: TestWebSocketServer.OnConnect
    let onText: TestWebSocketServer.OnText
    let record: @Sendable (String) -> Void

    init(
        connection: TestWebSocketServer.Connection, onConnect: @escaping TestWebSocketServer.OnConnect,
        onText: @escaping TestWebSocketServer.OnText, record: @escaping @Sendable (String) -> Void
    ) {
        self.connection = connection
        self.onConnect = onConnect
        self.onText = onText
        self.record = record
    }

    func handlerAdded(context: ChannelHandlerContext) {
        onConnect(connection)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            var data = frame.unmaskedData
            onText(connection, data.readString(length: data.readableBytes) ?? "")
        case .connectionClose:
            var code = frame.unmaskedData
            record("close \(code.readInteger(as: UInt16.self).map(String.init) ?? "-")")
            let reply = WebSocketFrame(fin: true, opcode: .connectionClose, data: frame.unmaskedData)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(reply)).whenComplete { _ in channel.close(promise: nil) }
        case .pong:
            var data = frame.unmaskedData
            record("pong " + (data.readString(length: data.readableBytes) ?? ""))
        case .ping:
            context.writeAndFlush(
                wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        default:
            break
        }
    }
}

/// Answers every plain HTTP request with 403 Forbidden.
private final class ForbiddenHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        let head = HTTPResponseHead(version: .http1_1, status: .forbidden, headers: ["Content-Length": "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
