import Foundation
import HTTPTypes
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import WSClient

/// The `/ws` event stream of one server: one socket with its own `clientID`, reconnecting with backoff.
///
/// Submit prompts with the same `clientID` to receive their targeted events; route them by `promptID`.
/// Call `start()` once, read `updates`, and `stop()` at the end (it finishes `updates`).
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
    /// Text message types the consumer never reads: dropped before they are parsed.
    private let ignoredTypes: Set<String>
    /// How long an attempt may wait for the upgrade reply before it is abandoned and retried.
    private let handshakeTimeout: Duration

    /// - Parameters:
    ///   - maxFrameSize: the largest message accepted (previews are full-size images); bigger ones close the socket.
    ///   - clientFeatureFlags: sent as the first frame; `supports_preview_metadata` makes previews type-4 frames
    ///     that name their prompt. Nil sends no handshake.
    ///   - ignoredTypes: text message types not to deliver (e.g. `progress_state`, ComfyUI's largest and
    ///     most frequent message, which a load driver never reads); skipped without parsing.
    ///   - handshakeTimeout: an attempt without an upgrade reply by then is abandoned (a server that
    ///     accepts TCP and never answers) and counts as a failed attempt.
    public init(
        endpoint: ServerEndpoint,
        clientID: String,
        reconnect: ReconnectPolicy = .default,
        maxFrameSize: Int = 64 << 20,
        clientFeatureFlags: JSONValue? = .object(["supports_preview_metadata": .bool(true)]),
        ignoredTypes: Set<String> = [],
        handshakeTimeout: Duration = .seconds(10),
        logger: Logger = Logger(label: "comfy-harness.events")
    ) {
        self.handshakeTimeout = handshakeTimeout
        self.ignoredTypes = ignoredTypes
        self.endpoint = endpoint
        self.clientID = clientID
        self.reconnect = reconnect
        self.maxFrameSize = maxFrameSize
        self.clientFeatureFlags = clientFeatureFlags
        self.logger = logger
        (updates, continuation) = AsyncStream.makeStream(of: EventStreamUpdate.self, bufferingPolicy: .unbounded)
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
            let (wasConnected, reason) = await runOneConnection()
            if Task.isCancelled { break }
            continuation.yield(.disconnected(reason: reason))
            failures = wasConnected ? 1 : failures + 1
            guard let delay = reconnect.delay(afterFailures: failures, unitRandom: Double.random(in: 0..<1)) else {
                continuation.yield(.gaveUp(reason: "\(failures) failed attempts in a row; last: \(reason)"))
                break
            }
            logger.debug("reconnecting to /ws", metadata: ["in": "\(delay)", "failures": "\(failures)"])
            try? await Task.sleep(for: delay)
        }
        continuation.finish()
    }

    /// One connection attempt, bounded: a server that accepts TCP and never answers the upgrade would
    /// otherwise hold the attempt (and `stop()`) forever, since the library's upgrade wait cannot be
    /// cancelled. Past `handshakeTimeout` without an upgrade, or when the stream is stopped, the attempt
    /// is abandoned (it can no longer deliver anything) and this returns.
    private func runOneConnection() async -> (Bool, String) {
        let state = Attempt()
        let resume: @Sendable ((Bool, String)) -> Void = { result in
            state.outcome.withLockedValue { continuation in
                continuation?.resume(returning: result)
                continuation = nil
            }
        }
        let shownURL = URLRedaction.redact(endpoint.webSocketURL(clientID: clientID))
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                state.outcome.withLockedValue { $0 = continuation }
                let attempt = Task { resume(await self.connectOnce(state: state)) }
                let timeout = handshakeTimeout
                let watchdog = Task {
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    let abandoned = state.phase.withLockedValue { current in
                        guard current == .connecting else { return false }
                        current = .abandoned
                        return true
                    }
                    if abandoned {
                        resume((false, "no WebSocket handshake reply from \(shownURL) within \(timeout)"))
                    }
                }
                state.tasks.withLockedValue { $0 = [attempt, watchdog] }
                if Task.isCancelled { resume((false, "stopped")) }
            }
        } onCancel: {
            state.phase.withLockedValue { if $0 == .connecting { $0 = .abandoned } }
            resume((false, "stopped"))
            for task in state.tasks.withLockedValue({ $0 }) { task.cancel() }
        }
        // The watchdog's sleep is no longer needed; an abandoned attempt stays parked in the library.
        for task in state.tasks.withLockedValue({ $0 }) { task.cancel() }
        return result
    }

    /// Where a connection attempt stands; the handler and the watchdog race to move it on.
    private enum AttemptState: Equatable {
        case connecting, connected, abandoned
    }

    /// One attempt's shared state: its phase, the caller's continuation (resumed once), its tasks.
    private final class Attempt: Sendable {
        let phase = NIOLockedValueBox(AttemptState.connecting)
        let outcome = NIOLockedValueBox<CheckedContinuation<(Bool, String), Never>?>(nil)
        let tasks = NIOLockedValueBox<[Task<Void, Never>]>([])
    }

    /// One connection from upgrade to close. Returns whether it got connected and why it ended.
    private func connectOnce(state attempt: Attempt) async -> (Bool, String) {
        let url = endpoint.webSocketURL(clientID: clientID)
        let shownURL = URLRedaction.redact(url)
        do {
            let closeFrame = try await WebSocketClient.connect(
                url: url,
                configuration: webSocketConfiguration(),
                tlsConfiguration: tlsConfiguration(),
                logger: logger
            ) { [continuation, clientFeatureFlags, maxFrameSize, logger] inbound, outbound, _ in
                let live = attempt.phase.withLockedValue { current in
                    guard current == .connecting else { return false }
                    current = .connected
                    return true
                }
                guard live else { return }  // given up on: close at once, deliver nothing
                continuation.yield(.connected)
                if let flags = clientFeatureFlags {
                    let handshake = JSONValue.object(["type": .string("feature_flags"), "data": flags])
                    try await outbound.write(.text(String(decoding: handshake.serialized(), as: UTF8.self)))
                }
                for try await message in inbound.messages(maxSize: maxFrameSize) {
                    let receivedAt = ContinuousClock.now
                    if !self.ignoredTypes.isEmpty, case .text(let text) = message,
                        let type = EventFrameDecoding.leadingType(of: text), self.ignoredTypes.contains(type)
                    {
                        continue
                    }
                    let event = EventFrameDecoding.event(from: message, logger: logger)
                    continuation.yield(.event(ReceivedEvent(event: event, receivedAt: receivedAt)))
                }
            }
            let reason = closeFrame.map { "closed by the server (\($0.closeCode))" } ?? "connection closed"
            return (attempt.phase.withLockedValue { $0 == .connected }, reason)
        } catch {
            return (attempt.phase.withLockedValue { $0 == .connected }, EventFrameDecoding.describe(error, url: shownURL))
        }
    }

    private func webSocketConfiguration() -> WebSocketClientConfiguration {
        var headers = HTTPFields()
        for (name, value) in endpoint.requestHeaders {
            if let fieldName = HTTPField.Name(name) { headers.append(HTTPField(name: fieldName, value: value)) }
        }
        return WebSocketClientConfiguration(
            maxFrameSize: maxFrameSize,
            additionalHeaders: headers,
            closeTimeout: .seconds(2),
            // Pings detect a half-open connection; ComfyUI (aiohttp) answers them.
            autoPing: .enabled(timePeriod: .seconds(30))
        )
    }

    private func tlsConfiguration() -> TLSConfiguration? {
        guard endpoint.insecure else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }
}
