import Foundation
import Logging
import NIOConcurrencyHelpers

/// The `/ws` event stream of one server: one socket with its own `clientID`, reconnecting with backoff.
///
/// Submit prompts with the same `clientID` to receive their targeted events; route them by `promptID`.
/// Call `start()` once, read `updates` (or pass `onUpdate`), and `stop()` at the end (it finishes `updates`).
public final class ComfyEventStream: Sendable {
    public let endpoint: ServerEndpoint
    public let clientID: String
    /// Connection changes and events; unbounded, so keep reading (a stalled reader stalls nothing upstream
    /// but grows memory).
    public let updates: AsyncStream<EventStreamUpdate>

    private let continuation: AsyncStream<EventStreamUpdate>.Continuation
    private let reconnect: ReconnectPolicy
    private let maxFrameSize: Int
    private let clientFeatureFlags: JSONValue?
    private let logger: Logger
    private let runner = NIOLockedValueBox<Task<Void, Never>?>(nil)
    /// Where updates go: `onUpdate` when given, else `updates`.
    private let emit: @Sendable (EventStreamUpdate) -> Void
    /// Text message types the consumer never reads: dropped before they are parsed.
    private let ignoredTypes: Set<String>
    /// How long an attempt may wait for the upgrade reply before it is abandoned and retried.
    private let handshakeTimeout: Duration
    /// Whose curl thread reads and writes the socket.
    private let transport: HTTPTransport

    /// - Parameters:
    ///   - maxFrameSize: the largest message accepted (previews are full-size images); bigger ones close the socket.
    ///   - clientFeatureFlags: sent as the first frame; `supports_preview_metadata` makes previews type-4 frames
    ///     that name their prompt. Nil sends no handshake.
    ///   - ignoredTypes: text message types not to deliver (e.g. `progress_state`, ComfyUI's largest and
    ///     most frequent message, which a load driver never reads); skipped without parsing.
    ///   - handshakeTimeout: an attempt without an upgrade reply by then is abandoned (a server that
    ///     accepts TCP and never answers) and counts as a failed attempt.
    ///   - transport: the socket is read and written on this transport's curl thread, so with the HTTP
    ///     client on the same transport, events and replies reach a task there without a thread hop.
    ///   - onUpdate: receives every update instead of `updates` (which then only finishes), called on the
    ///     curl thread in arrival order: keep it short and never block in it (while it runs, no transfer
    ///     makes progress). Saves the hop to a task per message, the largest cost of following many prompts.
    public init(
        endpoint: ServerEndpoint,
        clientID: String,
        reconnect: ReconnectPolicy = .default,
        maxFrameSize: Int = 64 << 20,
        clientFeatureFlags: JSONValue? = .object(["supports_preview_metadata": .bool(true)]),
        ignoredTypes: Set<String> = [],
        handshakeTimeout: Duration = .seconds(10),
        transport: HTTPTransport = .shared,
        logger: Logger = Logger(label: "comfy-harness.events"),
        onUpdate: (@Sendable (EventStreamUpdate) -> Void)? = nil
    ) {
        self.handshakeTimeout = handshakeTimeout
        self.transport = transport
        self.ignoredTypes = ignoredTypes
        self.endpoint = endpoint
        self.clientID = clientID
        self.reconnect = reconnect
        self.maxFrameSize = maxFrameSize
        self.clientFeatureFlags = clientFeatureFlags
        self.logger = logger
        let (updates, continuation) = AsyncStream.makeStream(of: EventStreamUpdate.self, bufferingPolicy: .unbounded)
        self.updates = updates
        self.continuation = continuation
        emit = onUpdate ?? { continuation.yield($0) }
    }

    /// Connects in a background task; later calls do nothing.
    public func start() {
        runner.withLockedValue { task in
            guard task == nil else { return }
            task = Task { await self.run() }
        }
    }

    /// Closes the socket, stops reconnecting and finishes `updates`.
    public func stop() async {
        let task = runner.withLockedValue { $0 }
        task?.cancel()
        await task?.value
        continuation.finish()
    }

    private func run() async {
        var failures = 0
        while !Task.isCancelled {
            let (wasConnected, reason) = await connectOnce()
            if Task.isCancelled { break }
            emit(.disconnected(reason: reason))
            failures = wasConnected ? 1 : failures + 1
            guard let delay = reconnect.delay(afterFailures: failures, unitRandom: Double.random(in: 0..<1)) else {
                emit(.gaveUp(reason: "\(failures) failed attempts in a row; last: \(reason)"))
                break
            }
            logger.debug("reconnecting to /ws", metadata: ["in": "\(delay)", "failures": "\(failures)"])
            try? await Task.sleep(for: delay)
        }
        continuation.finish()
    }

    /// One connection from TCP connect through the upgrade to close: whether it got upgraded and why it
    /// ended. Bounded by `handshakeTimeout` until the upgrade (a server that accepts TCP and never answers),
    /// and returns at once when the stream is stopped.
    private func connectOnce() async -> (Bool, String) {
        let url = endpoint.webSocketURL(clientID: clientID)
        let shownURL = URLRedaction.redact(url)
        guard let target = WebSocketTarget(url: url) else { return (false, "\(shownURL): not a valid WebSocket URL") }
        let settings = CurlEventSocket.Settings(
            target: target, insecure: endpoint.insecure, headers: endpoint.requestHeaders, maxFrameSize: maxFrameSize,
            handshakeTimeout: handshakeTimeout, pingInterval: .seconds(30), ignoredTypes: ignoredTypes,
            clientFeatureFlags: clientFeatureFlags, shownURL: shownURL)
        return await CurlEventSocket(settings: settings, loop: transport.loop, emit: emit, logger: logger).run()
    }
}
