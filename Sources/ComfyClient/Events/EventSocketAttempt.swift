import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import NIOConcurrencyHelpers

/// One `/ws` connection from TCP connect through the upgrade to close, on one NIO event loop.
///
/// `run()` returns once the socket is gone: whether it got upgraded and why it ended. An upgrade that
/// has not happened by the deadline (a server that accepts TCP and never answers) is abandoned, and a
/// cancelled caller closes the socket; both return at once.
final class EventSocketAttempt: Sendable {
    /// Everything one attempt needs to know.
    struct Settings: Sendable {
        var host: String
        var port: Int
        var tls: Bool
        var insecure: Bool
        var requestURI: String
        var headers: [(String, String)]
        var maxFrameSize: Int
        var handshakeTimeout: Duration
        var pingInterval: Duration
        var ignoredTypes: Set<String>
        var clientFeatureFlags: JSONValue?
        /// The URL for messages (credentials redacted).
        var shownURL: String
    }

    private enum Phase {
        case connecting, upgraded, over
    }

    private struct State {
        var phase = Phase.connecting
        var channel: (any Channel)?
        var reason: String?
        var result: CheckedContinuation<(Bool, String), Never>?
        var cancelled = false
        var timeout: Scheduled<Void>?
    }

    private let settings: Settings
    private let emit: @Sendable (EventStreamUpdate) -> Void
    private let logger: Logger
    private let loop: any EventLoop
    private let state = NIOLockedValueBox(State())

    init(settings: Settings, emit: @escaping @Sendable (EventStreamUpdate) -> Void, logger: Logger) {
        self.settings = settings
        self.emit = emit
        self.logger = logger
        loop = MultiThreadedEventLoopGroup.singleton.next()
    }

    /// Connects and waits until the socket is closed; `(wasUpgraded, reason)`.
    func run() async -> (Bool, String) {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let cancelled = state.withLockedValue { state in
                    state.result = continuation
                    return state.cancelled
                }
                if cancelled { finish(reason: "stopped") } else { start() }
            }
        } onCancel: {
            let channel = state.withLockedValue { state in
                state.cancelled = true
                return state.channel
            }
            if let channel {
                note("stopped")
                closeGracefully(channel)
            } else {
                finish(reason: "stopped")
            }
        }
    }

    private func start() {
        let timeout = loop.scheduleTask(in: TimeAmount(settings.handshakeTimeout)) { [self] in
            handshakeTimedOut()
        }
        state.withLockedValue { $0.timeout = timeout }
        let settings = self.settings
        let sslContext: NIOSSLContext?
        do {
            sslContext = try settings.tls ? Self.makeSSLContext(insecure: settings.insecure) : nil
        } catch {
            finish(reason: "\(settings.shownURL): TLS setup failed: \(error)")
            return
        }
        ClientBootstrap(group: loop)
            .connectTimeout(TimeAmount(settings.handshakeTimeout))
            .channelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try configure(channel, sslContext: sslContext)
                }
            }
            .connect(host: settings.host, port: settings.port)
            .whenComplete { [self] result in
                switch result {
                case .failure(let error):
                    finish(reason: EventFrameDecoding.describe(error, url: settings.shownURL))
                case .success(let channel):
                    let abandoned = state.withLockedValue { state in
                        state.channel = channel
                        return state.cancelled || state.phase == .over
                    }
                    if abandoned { channel.close(promise: nil) }
                    channel.closeFuture.whenComplete { _ in self.finish(reason: nil) }
                }
            }
    }

    /// TLS (for wss) and the HTTP upgrade; on success the frame handlers replace the HTTP ones.
    private func configure(_ channel: any Channel, sslContext: NIOSSLContext?) throws {
        if let sslContext {
            // SNI takes a name, never an IP literal.
            let name = settings.host.contains(":") || settings.host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : settings.host
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: sslContext, serverHostname: name), position: .first)
        }
        var headers = HTTPHeaders()
        let defaultPort = settings.tls ? 443 : 80
        let hostName = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        headers.add(name: "Host", value: settings.port == defaultPort ? hostName : "\(hostName):\(settings.port)")
        headers.add(name: "Origin", value: "\(settings.tls ? "https" : "http")://\(hostName)")
        for (name, value) in settings.headers { headers.add(name: name, value: value) }
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: settings.requestURI, headers: headers)
        let upgrader = NIOTypedWebSocketClientUpgrader<Bool>(maxFrameSize: settings.maxFrameSize) { [self] channel, _ in
            channel.eventLoop.makeCompletedFuture { try upgraded(channel) }
        }
        var configuration = NIOUpgradableHTTPClientPipelineConfiguration(
            upgradeConfiguration: NIOTypedHTTPClientUpgradeConfiguration(
                upgradeRequestHead: head, upgraders: [upgrader],
                notUpgradingCompletionHandler: { channel in channel.eventLoop.makeSucceededFuture(false) }))
        configuration.leftOverBytesStrategy = .forwardBytes
        let upgrade = try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(configuration: configuration)
        upgrade.whenComplete { [self] result in
            switch result {
            case .success(true):
                if let context = try? channel.pipeline.syncOperations.context(handlerType: EventSocketHandler.self),
                    let handler = context.handler as? EventSocketHandler
                {
                    handler.upgradeCompleted(context: context)
                }
            case .success(false):
                note("\(settings.shownURL): the server refused the WebSocket upgrade (not ComfyUI, a proxy without "
                    + "WebSocket support, or a 403 from an Origin/Host mismatch)")
                channel.close(promise: nil)
            case .failure(let error):
                note(EventFrameDecoding.describe(error, url: settings.shownURL))
                channel.close(promise: nil)
            }
        }
    }

    /// Runs on the event loop once the server agreed: installs the frame handlers, unless the
    /// attempt was abandoned meanwhile.
    private func upgraded(_ channel: any Channel) throws -> Bool {
        let live = state.withLockedValue { state in
            guard state.phase == .connecting, !state.cancelled else { return false }
            state.phase = .upgraded
            state.timeout?.cancel()
            state.timeout = nil
            return true
        }
        guard live else {
            channel.close(promise: nil)
            return false
        }
        let handler = EventSocketHandler(
            callbacks: .init(emit: emit, ending: { [self] reason in note(reason) }),
            ignoredTypes: settings.ignoredTypes, clientFeatureFlags: settings.clientFeatureFlags,
            pingInterval: TimeAmount(settings.pingInterval), logger: logger)
        try channel.pipeline.syncOperations.addHandler(
            NIOWebSocketFrameAggregator(
                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: .max, maxAccumulatedFrameSize: settings.maxFrameSize))
        try channel.pipeline.syncOperations.addHandler(handler)
        return true
    }

    private func handshakeTimedOut() {
        let channel: (any Channel)?? = state.withLockedValue { state in
            guard state.phase == .connecting else { return .none }
            return .some(state.channel)
        }
        guard case .some(let channel) = channel else { return }
        let reason = "no WebSocket handshake reply from \(settings.shownURL) within \(settings.handshakeTimeout)"
        // Abandoned: report now, whatever the socket still does.
        finish(reason: reason)
        channel?.close(promise: nil)
    }

    /// Sends a close frame and closes the socket (a close frame the server may answer, or not); a
    /// socket whose close frame cannot be written within 2 s is closed anyway.
    private func closeGracefully(_ channel: any Channel) {
        channel.eventLoop.scheduleTask(in: .seconds(2)) { channel.close(promise: nil) }
        channel.eventLoop.execute {
            guard let context = try? channel.pipeline.syncOperations.context(handlerType: EventSocketHandler.self),
                let handler = context.handler as? EventSocketHandler
            else {
                channel.close(promise: nil)
                return
            }
            handler.closeHandshake(code: .normalClosure, context: context)
        }
    }

    /// Remembers why the connection is ending; the first reason wins.
    private func note(_ reason: String) {
        state.withLockedValue { state in
            if state.reason == nil { state.reason = reason }
        }
    }

    /// Resumes `run()` once, with the reason noted first (or the given one, or "connection closed").
    private func finish(reason given: String?) {
        let outcome: (CheckedContinuation<(Bool, String), Never>, (Bool, String))? = state.withLockedValue { state in
            if state.reason == nil { state.reason = given }
            let wasUpgraded = state.phase == .upgraded
            state.phase = .over
            state.timeout?.cancel()
            state.timeout = nil
            guard let continuation = state.result else { return nil }
            state.result = nil
            return (continuation, (wasUpgraded, state.reason ?? "connection closed"))
        }
        if let (continuation, result) = outcome { continuation.resume(returning: result) }
    }

    private static func makeSSLContext(insecure: Bool) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if insecure { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }
}
