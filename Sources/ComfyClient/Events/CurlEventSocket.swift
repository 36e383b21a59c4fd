import CCurl
import CShims
import Foundation
import Logging
import NIOConcurrencyHelpers

/// One `/ws` connection, from TCP connect through the upgrade to close, read and written on the curl
/// thread beside the HTTP transfers.
///
/// Why not a NIO channel: at one prompt in flight the socket's event loop woke for each burst of
/// messages and then woke the curl thread, where the prompt's task waits; those wake-ups and NIO's
/// pipeline were about a third of the driver's CPU. Here a message costs one read, an in-place frame
/// parse, one decode and one call of `emit`, on the thread that runs the task it resumes.
///
/// libcurl connects (so TLS, certificate checks, `--insecure` and proxies behave as for HTTP) with
/// `CURLOPT_CONNECT_ONLY` on a short-lived thread of its own; the upgrade and the frames are ours
/// (`WebSocketHandshake`, `WebSocketFrameParser`). `run()` returns once the socket is gone: whether
/// it got upgraded and why it ended.
final class CurlEventSocket: CurlLoopSocket, @unchecked Sendable {
    /// Everything one connection needs to know.
    struct Settings: Sendable {
        var target: WebSocketTarget
        var insecure: Bool
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
        case connecting, handshaking, open, closing, over
    }

    /// What the caller's task, the connect thread and the curl thread share.
    private struct Control {
        var continuation: CheckedContinuation<(Bool, String), Never>?
        var stopRequested = false
        /// Handed to the curl thread: from then on only it closes the socket.
        var attached = false
    }

    private let settings: Settings
    private let emit: @Sendable (EventStreamUpdate) -> Void
    private let logger: Logger
    private let loop: CurlMultiLoop
    private let control = NIOLockedValueBox(Control())
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    // Owned by the connect thread until attached, then by the curl thread.
    private var easy: UnsafeMutableRawPointer?
    private var descriptor: Int32 = -1
    private var phase = Phase.connecting
    private var upgraded = false
    private var reason: String?
    private let handshake = WebSocketHandshake()
    private var parser: WebSocketFrameParser
    /// Received bytes not used yet: `filled` of them at the start of `inbound`.
    private var inbound: UnsafeMutableRawBufferPointer
    private var filled = 0
    private var outbox: [UInt8] = []
    private var sent = 0
    private var handshakeDeadline = ContinuousClock.now
    private var nextPing = ContinuousClock.now
    private var closeDeadline = ContinuousClock.now
    private var awaitingPong = false
    private var sentClose = false

    private static let initialBufferSize = 64 * 1024
    /// How long a close we started may wait for the server's close frame.
    private static let closeGrace = Duration.seconds(2)

    init(settings: Settings, loop: CurlMultiLoop, emit: @escaping @Sendable (EventStreamUpdate) -> Void, logger: Logger)
    {
        self.settings = settings
        self.loop = loop
        self.emit = emit
        self.logger = logger
        parser = WebSocketFrameParser(maxMessageSize: settings.maxFrameSize)
        inbound = .allocate(byteCount: Self.initialBufferSize, alignment: 16)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        if let easy { curl_easy_cleanup(easy) }
        inbound.deallocate()
        errorBuffer.deallocate()
    }

    /// Connects and waits until the socket is closed; `(wasUpgraded, reason)`. A cancelled caller
    /// sends a close frame (or, before the upgrade, gives up at once).
    func run() async -> (Bool, String) {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let stopped = control.withLockedValue { control in
                    control.continuation = continuation
                    return control.stopRequested
                }
                if stopped {
                    resume(wasUpgraded: false, reason: "stopped")
                } else {
                    let thread = Thread { [self] in connect() }
                    thread.name = "comfy-ws-connect"
                    thread.start()
                }
            }
        } onCancel: {
            let attached = control.withLockedValue { control in
                control.stopRequested = true
                return control.attached
            }
            // Not yet on the curl thread: answer now; the connect thread cleans up when curl returns.
            if attached { loop.poke(self) } else { resume(wasUpgraded: false, reason: "stopped") }
        }
    }

    private func resume(wasUpgraded: Bool, reason: String) {
        let continuation = control.withLockedValue { control in
            defer { control.continuation = nil }
            return control.continuation
        }
        continuation?.resume(returning: (wasUpgraded, reason))
    }

    var isStopRequested: Bool { control.withLockedValue { $0.stopRequested } }

    // MARK: connect thread

    /// TCP (and TLS) through libcurl, blocking this thread only; then the socket goes to the curl thread.
    private func connect() {
        let started = ContinuousClock.now
        guard let easy = curl_easy_init() else {
            resume(wasUpgraded: false, reason: "\(settings.shownURL): curl_easy_init failed (out of memory?)")
            return
        }
        self.easy = easy
        let context = Unmanaged.passUnretained(self).toOpaque()
        let target = settings.target
        let url = "\(target.tls ? "https" : "http")://\(target.bracketedHost):\(target.port)/"
        let timeout = CurlTransfer.milliseconds(settings.handshakeTimeout)
        var failed = CURLE_OK
        func set(_ code: CURLcode) { if code != CURLE_OK && failed == CURLE_OK { failed = code } }
        set(url.withCString { chs_easy_setopt_ptr(easy, CURLOPT_URL, $0) })
        set(chs_easy_setopt_long(easy, CURLOPT_CONNECT_ONLY, 1))
        set(chs_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(chs_easy_setopt_ptr(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        set(chs_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, timeout))
        set("http,https".withCString { chs_easy_setopt_ptr(easy, CURLOPT_PROTOCOLS_STR, $0) })
        // The upgrade is HTTP/1.1: TLS must not agree on h2 through ALPN.
        set(chs_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1))
        // Through an HTTP proxy, a CONNECT tunnel: the upgrade request is ours, not the proxy's to forward.
        set(chs_easy_setopt_long(easy, CURLOPT_HTTPPROXYTUNNEL, 1))
        if settings.insecure {
            set(chs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 0))
            set(chs_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 0))
        }
        // A stop during the connect aborts it (curl calls this at least once a second).
        set(chs_easy_setopt_long(easy, CURLOPT_NOPROGRESS, 0))
        set(chs_easy_setopt_xferinfo_cb(easy, connectProgressCallback))
        set(chs_easy_setopt_ptr(easy, CURLOPT_XFERINFODATA, context))
        let code = failed == CURLE_OK ? curl_easy_perform(easy) : failed
        var socket: curl_socket_t = -1
        if code == CURLE_OK { _ = chs_easy_getinfo_socket(easy, &socket) }
        guard code == CURLE_OK, socket >= 0 else {
            let reason = isStopRequested ? "stopped" : describe(code, url: url)
            closeEasyHandle()
            resume(wasUpgraded: false, reason: reason)
            return
        }
        descriptor = socket
        phase = .handshaking
        handshakeDeadline = started + settings.handshakeTimeout
        outbox = handshake.request(for: target, headers: settings.headers)
        let proceed = control.withLockedValue { control in
            guard !control.stopRequested else { return false }
            control.attached = true
            return true
        }
        guard proceed else {
            closeEasyHandle()
            resume(wasUpgraded: false, reason: "stopped")
            return
        }
        if !loop.attach(self) {
            closeEasyHandle()
            resume(wasUpgraded: false, reason: "the HTTP transport was shut down")
        }
    }

    /// A failed connect in words (the same wording as for HTTP requests).
    private func describe(_ code: CURLcode, url: String) -> String {
        let request = HTTPRequest(
            method: "GET", url: url, timeout: settings.handshakeTimeout, connectTimeout: settings.handshakeTimeout,
            insecure: settings.insecure)
        var osErrno = 0
        if let easy { _ = chs_easy_getinfo_long(easy, CURLINFO_OS_ERRNO, &osErrno) }
        let error = CurlErrorMapping.error(
            code: code, detail: String(cString: errorBuffer), request: request, url: settings.shownURL,
            exceededLimit: false, connected: false, osErrno: Int32(truncatingIfNeeded: osErrno))
        return "\(error)"
    }

    private func closeEasyHandle() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        descriptor = -1
    }

    // MARK: curl thread

    var pollDescriptor: Int32 { descriptor }
    var wantsWrite: Bool { sent < outbox.count }

    var nextDeadline: ContinuousClock.Instant? {
        switch phase {
        case .handshaking: return handshakeDeadline
        case .open: return nextPing
        case .closing: return closeDeadline
        case .connecting, .over: return nil
        }
    }

    func service(readable: Bool, writable: Bool, now: ContinuousClock.Instant) -> Bool {
        if phase == .handshaking || phase == .open, isStopRequested { beginClose(reason: "stopped", now: now) }
        if phase != .over, wantsWrite { flush() }
        if phase != .over, readable { readAvailable() }
        if phase != .over { checkTimers(now: now) }
        return phase != .over
    }

    func abandon(reason: String) {
        finish(reason: reason)
    }

    private func checkTimers(now: ContinuousClock.Instant) {
        switch phase {
        case .handshaking where now >= handshakeDeadline:
            finish(
                reason: "no WebSocket handshake reply from \(settings.shownURL) within \(settings.handshakeTimeout)")
        case .open where now >= nextPing:
            if awaitingPong {
                let seconds = settings.pingInterval.components.seconds
                finish(reason: "no pong within \(seconds) s: the connection is half-open")
                return
            }
            awaitingPong = true
            nextPing = now + settings.pingInterval
            send(WebSocketFrameWriter.frame(opcode: WebSocketFrameWriter.ping, payload: Array("comfy-harness".utf8)))
        case .closing where now >= closeDeadline:
            finish(reason: nil)
        default:
            break
        }
    }

    /// Reads until the socket has nothing more (for TLS this also drains what OpenSSL holds decrypted,
    /// which a poll would not show), handling what arrived after each read.
    private func readAvailable() {
        while phase != .over, let easy {
            if filled == inbound.count, !grow(to: inbound.count * 2) { return }
            var received = 0
            let code = curl_easy_recv(easy, inbound.baseAddress! + filled, inbound.count - filled, &received)
            if code == CURLE_AGAIN { return }
            guard code == CURLE_OK else {
                finish(reason: "connection failed (\(String(cString: curl_easy_strerror(code))))")
                return
            }
            guard received > 0 else {
                finish(
                    reason: phase == .handshaking
                        ? "\(settings.shownURL): the server closed the connection during the upgrade" : nil)
                return
            }
            filled += received
            process(receivedAt: .now)
        }
    }

    private func process(receivedAt: ContinuousClock.Instant) {
        if phase == .handshaking {
            switch handshake.reply(UnsafeRawBufferPointer(start: inbound.baseAddress, count: filled)) {
            case .incomplete:
                return
            case .refused(let why):
                finish(reason: "\(settings.shownURL): \(why)")
                return
            case .accepted(let headerLength):
                consume(headerLength)
                phase = .open
                upgraded = true
                nextPing = receivedAt + settings.pingInterval
                emit(.connected)
                if let flags = settings.clientFeatureFlags {
                    let greeting = JSONValue.object(["type": .string("feature_flags"), "data": flags])
                    send(
                        WebSocketFrameWriter.frame(
                            opcode: WebSocketFrameWriter.text, payload: greeting.serializedBytes()))
                }
            }
        }
        guard filled > 0, phase == .open || phase == .closing else { return }
        do {
            let (consumed, pending) = try parser.parse(
                UnsafeRawBufferPointer(start: inbound.baseAddress, count: filled)
            ) {
                message in handle(message, receivedAt: receivedAt)
            }
            consume(consumed)
            if let pending, pending > inbound.count { _ = grow(to: pending) }
        } catch {
            reason = reason ?? error.description
            closeNow(code: error.closeCode)
        }
    }

    private func handle(_ message: WebSocketFrameParser.Message, receivedAt: ContinuousClock.Instant) {
        switch message {
        case .text(let bytes):
            guard phase == .open else { return }
            if !settings.ignoredTypes.isEmpty, let type = EventFrameDecoding.leadingType(of: bytes),
                settings.ignoredTypes.contains(type)
            {
                return
            }
            let event = EventFrameDecoding.event(fromText: bytes, logger: logger)
            emit(.event(ReceivedEvent(event: event, receivedAt: receivedAt)))
        case .binary(let bytes):
            guard phase == .open else { return }
            let event = EventFrameDecoding.event(fromBinary: Array(bytes), logger: logger)
            emit(.event(ReceivedEvent(event: event, receivedAt: receivedAt)))
        case .ping(let payload):
            if !sentClose { send(WebSocketFrameWriter.frame(opcode: WebSocketFrameWriter.pong, payload: payload)) }
        case .pong:
            awaitingPong = false
        case .close(let code):
            if phase == .open { reason = reason ?? "closed by the server (code \(code.map(String.init) ?? "none"))" }
            closeNow(code: code ?? 1000)
        }
    }

    /// Starts the close handshake; before the upgrade there is nothing to say, so the socket just closes.
    private func beginClose(reason why: String, now: ContinuousClock.Instant) {
        reason = reason ?? why
        guard phase == .open else {
            finish(reason: nil)
            return
        }
        phase = .closing
        closeDeadline = now + Self.closeGrace
        sentClose = true
        send(WebSocketFrameWriter.closeFrame(code: 1000))
    }

    /// Answers with a close frame (unless one went already), writes what it can, and closes.
    private func closeNow(code: UInt16) {
        if !sentClose, phase == .open || phase == .closing {
            sentClose = true
            send(WebSocketFrameWriter.closeFrame(code: code))
        }
        finish(reason: nil)
    }

    private func send(_ frame: [UInt8]) {
        if sent == outbox.count {
            outbox.removeAll(keepingCapacity: true)
            sent = 0
        }
        outbox.append(contentsOf: frame)
        flush()
    }

    /// Writes what the socket takes now; the rest waits for writability.
    private func flush() {
        guard let easy else { return }
        while sent < outbox.count {
            var written = 0
            let code = outbox.withUnsafeBytes { bytes in
                curl_easy_send(easy, bytes.baseAddress! + sent, bytes.count - sent, &written)
            }
            if code == CURLE_AGAIN { return }
            guard code == CURLE_OK else {
                if phase != .over { finish(reason: "connection failed (\(String(cString: curl_easy_strerror(code))))") }
                return
            }
            sent += written
        }
    }

    /// Drops the first `count` received bytes.
    private func consume(_ count: Int) {
        guard count > 0 else { return }
        let base = inbound.baseAddress!
        if count < filled { memmove(base, base + count, filled - count) }
        filled -= count
    }

    /// Makes room for a frame of `size` bytes (never beyond the message limit plus a header).
    private func grow(to size: Int) -> Bool {
        let limit = settings.maxFrameSize + 14
        guard inbound.count < limit else {
            reason = reason ?? WebSocketProtocolError.messageTooLarge(limit: settings.maxFrameSize).description
            closeNow(code: 1009)
            return false
        }
        let bigger = UnsafeMutableRawBufferPointer.allocate(
            byteCount: min(max(size, inbound.count * 2), limit), alignment: 16)
        bigger.copyMemory(from: UnsafeRawBufferPointer(start: inbound.baseAddress, count: filled))
        inbound.deallocate()
        inbound = bigger
        return true
    }

    /// Closes the socket and resumes `run()` with the first reason noted.
    private func finish(reason given: String?) {
        guard phase != .over else { return }
        if reason == nil { reason = given }
        phase = .over
        closeEasyHandle()
        resume(wasUpgraded: upgraded, reason: reason ?? "connection closed")
    }
}

/// CURLOPT_XFERINFOFUNCTION during the connect: non-zero aborts it once the stream is stopping.
private let connectProgressCallback: chs_xferinfo_cb = { context, _, _, _, _ in
    guard let context else { return 0 }
    return Unmanaged<CurlEventSocket>.fromOpaque(context).takeUnretainedValue().isStopRequested ? 1 : 0
}
