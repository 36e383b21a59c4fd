/// The socket registry: `clientId` → one socket, with ComfyUI's targeted/broadcast routing (protocol §3.2).
/// Sends are synchronous yields into each socket's stream, so messages keep the order they were published in.
struct WebSocketHub: Sendable {
    /// What a socket's writer task does next.
    enum Outbound: Sendable {
        case text(String)
        /// A binary frame (previews).
        case binary([UInt8])
        /// Cut the TCP connection without a close frame (the drop fault).
        case drop
    }

    struct Connection: Sendable {
        let token: Int
        /// Ends the socket's writer task (server stop, drop fault); carries the messages when there is no outbox.
        let continuation: AsyncStream<Outbound>.Continuation
        /// Batched writes straight to the channel (the server's sockets); nil → messages go through `continuation`.
        let outbox: SocketOutbox?
        var sent = 0
        /// Set by the feature-flag handshake: previews go out as type-4 frames with metadata.
        var supportsPreviewMetadata = false
    }

    private var sockets: [String: Connection] = [:]
    private var nextToken = 0
    var dropAfterMessages: Int?

    var connectedIDs: [String] { Array(sockets.keys) }

    /// Registers a socket; a socket already registered under `sid` is dropped from the registry, not closed.
    mutating func register(sid: String, continuation: AsyncStream<Outbound>.Continuation, outbox: SocketOutbox?) -> Int {
        nextToken += 1
        sockets[sid] = Connection(token: nextToken, continuation: continuation, outbox: outbox)
        return nextToken
    }

    /// Removes the socket if it is still the one registered under `sid`.
    mutating func unregister(sid: String, token: Int) {
        if sockets[sid]?.token == token { sockets[sid] = nil }
    }

    /// A message of `type` for the prompt of `clientID`, following §3.2: targeted when the prompt has a
    /// client id; otherwise broadcast when `broadcastWithoutClient`, else not sent at all.
    mutating func publish(_ type: String, _ data: SimJSON, clientID: String?, broadcastWithoutClient: Bool) {
        let text = SimJSON.obj(["type": .string(type), "data": data]).serialized()
        if let clientID {
            send(text, to: clientID)
        } else if broadcastWithoutClient {
            broadcast(text)
        }
    }

    mutating func broadcast(_ text: String, except skipped: Set<String> = []) {
        for sid in Array(sockets.keys) where !skipped.contains(sid) { send(text, to: sid) }
    }

    mutating func send(_ text: String, to sid: String) { send(.text(text), to: sid) }

    mutating func setPreviewMetadata(_ supported: Bool, for sid: String) {
        sockets[sid]?.supportsPreviewMetadata = supported
    }

    /// One preview frame, in the form each receiver negotiated (§3.5): type 4 to sockets that sent
    /// `supports_preview_metadata`, type 1 to the others; without a client id only type 1, broadcast.
    /// `negotiatedPhase` selects which of the two sends this call makes, since ComfyUI sends type 4 before
    /// the `progress` message and type 1 after it.
    mutating func publishPreview(
        clientID: String?, negotiatedPhase: Bool, legacy: [UInt8], withMetadata: [UInt8]
    ) {
        let receivers = clientID.map { [$0] } ?? Array(sockets.keys)
        for sid in receivers {
            guard let connection = sockets[sid] else { continue }
            let negotiated = clientID != nil && connection.supportsPreviewMetadata
            guard negotiated == negotiatedPhase else { continue }
            send(.binary(negotiated ? withMetadata : legacy), to: sid)
        }
    }

    private mutating func send(_ message: Outbound, to sid: String) {
        guard var connection = sockets[sid] else { return }
        deliver(message, on: connection)
        connection.sent += 1
        if let limit = dropAfterMessages, connection.sent >= limit {
            deliver(.drop, on: connection)
            connection.continuation.finish()
            sockets[sid] = nil
        } else {
            sockets[sid] = connection
        }
    }

    private func deliver(_ message: Outbound, on connection: Connection) {
        if let outbox = connection.outbox {
            outbox.enqueue(message)
        } else {
            connection.continuation.yield(message)
        }
    }

    /// Ends every socket (server stop).
    mutating func closeAll() {
        for connection in sockets.values { connection.continuation.finish() }
        sockets.removeAll()
    }
}
