import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server for transport tests: each request gets whatever `respond` returns.
///
/// It counts accepted connections (to observe keep-alive) and records the requests it saw.
final class TestHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    enum Reply: Sendable {
        /// `chunked` omits Content-Length (the body size is unknown to the client up front).
        case respond(
            status: Int, headers: [(String, String)] = [], body: [UInt8] = [], close: Bool = false,
            chunked: Bool = false)
        /// Accept the request and never answer.
        case never
    }

    typealias Responder = @Sendable (Request) -> Reply

    private let channel: any Channel
    private let state: NIOLockedValueBox<(connections: Int, requests: [Request])>
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var acceptedConnections: Int { state.withLockedValue { $0.connections } }
    var requests: [Request] { state.withLockedValue { $0.requests } }

    private init(channel: any Channel) {
        self.channel = channel
        self.port = channel.localAddress?.port ?? 0
        self.state = NIOLockedValueBox((0, []))
    }

    static func start(_ respond: @escaping Responder) async throws -> TestHTTPServer {
        let box = StateBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                box.connectionAccepted()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHandler(respond: respond, record: { box.record($0) })
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = TestHTTPServer(channel: channel)
        box.attach(server)
        return server
    }

    func shutdown() async throws {
        try await channel.close()
    }

    fileprivate func connectionAccepted() { state.withLockedValue { $0.connections += 1 } }
    fileprivate func record(_ request: Request) { state.withLockedValue { $0.requests.append(request) } }
}

/// Lets the child initializer reach the server object created after `bind` returns.
private final class StateBox: Sendable {
    private let server = NIOLockedValueBox<TestHTTPServer?>(nil)

    func attach(_ server: TestHTTPServer) {
        self.server.withLockedValue { $0 = server }
    }

    func connectionAccepted() {
        // No client connects before `start` returns, so `server` is always set here.
        server.withLockedValue { $0?.connectionAccepted() }
    }

    func record(_ request: TestHTTPServer.Request) {
        server.withLockedValue { $0?.record(request) }
    }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let respond: TestHTTPServer.Responder
    let record: @Sendable (TestHTTPServer.Request) -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(respond: @escaping TestHTTPServer.Responder, record: @escaping @Sendable (TestHTTPServer.Request) -> Void) {
        self.respond = respond
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = TestHTTPServer.Request(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: body
            )
            record(request)
            guard case .respond(let status, let extra, let bytes, let close, let chunked) = respond(request) else {
                return
            }
            var headers = HTTPHeaders(extra)
            if chunked {
                headers.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            } else {
                headers.replaceOrAdd(name: "Content-Length", value: String(bytes.count))
            }
            if close { headers.replaceOrAdd(name: "Connection", value: "close") }
            let responseHead = HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            if !bytes.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
            }
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if close { channel.close(promise: nil) }
            }
        }
    }
}
