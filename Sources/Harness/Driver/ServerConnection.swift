import ComfyClient
import Foundation

/// One ComfyUI server as the run sees it: the HTTP client, this process's one WebSocket (its own
/// client id: ComfyUI misroutes when a client id is shared between sockets) and the router.
public final class ServerConnection: Sendable {
    public let endpoint: ServerEndpoint
    public let client: ComfyClient
    public let clientID: String
    public let router: EventRouter
    public let stream: ComfyEventStream
    /// The shared `/queue` read of prompts polling while the socket is down.
    public let queueProbe: QueueProbe

    public init(endpoint: ServerEndpoint, http: HTTPSpec = HTTPSpec()) {
        self.endpoint = endpoint
        client = ComfyClient(
            endpoint: endpoint, timeout: http.timeout, downloadTimeout: http.downloadTimeout, retry: http.retry,
            maxReplyBytes: http.maxReplyBytes)
        queueProbe = QueueProbe(client: client)
        clientID = "comfy-harness-" + UUID().uuidString.lowercased()
        let router = EventRouter()
        self.router = router
        // progress_state repeats every node's state on every update: the driver reads none of it.
        // The router takes each update on the curl thread that reads the socket: no task hop per message.
        let stream = ComfyEventStream(
            endpoint: endpoint, clientID: clientID, ignoredTypes: ["progress_state"],
            onUpdate: { router.handle($0) })
        self.stream = stream
        stream.start()
    }

    /// Waits (bounded) for the socket to connect, so the first prompts get events rather than polling.
    /// Returns early when the first attempt failed (a server or proxy that refuses WebSockets): the
    /// run then starts on `/history` polling instead of stalling.
    public func waitUntilConnected(timeout: Double = 5) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(timeout * 1000)))
        while clock.now < deadline {
            if router.isConnected { return true }
            if router.failedAttempts > 0 { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return router.isConnected
    }

    public func close() async {
        await stream.stop()
        router.stop()
    }
}
