import Foundation

/// The state of one simulated server: queue, history, caches, files, sockets, records. One actor, so every
/// WebSocket message is published in the order ComfyUI's single publish loop would send it.
actor SimulatorEngine {
    let configuration: SimulatorConfiguration
    let catalog = ObjectInfoCatalog()
    var faults: SimulatorFaults
    var queue = PromptQueue()
    var history = HistoryStore()
    var files: FileStore
    var hub = WebSocketHub()
    /// Classic output cache: signature → the node's outputs and UI.
    var outputCache: [String: CachedNode] = [:]
    var loadedModels: Set<String> = []
    /// Sampler working memory of the running prompt, for `/system_stats`.
    var activationBytes: Int64 = 0
    /// Highest VRAM the allocator reserved since the last `/free` (PyTorch keeps it cached).
    var reservedPeakBytes: Int64 = 0
    /// Server-assigned `number` of the next prompt (consumed by rejected prompts too).
    var submissionCounter = 0
    var records: [String: SimulatedPromptRecord] = [:]
    var recordOrder: [String] = []
    /// The global interrupt flag of `nodes.interrupt_processing`.
    var interruptRequested = false
    /// Node running now, for the reconnect `executing` message.
    var currentNode: String?
    /// `/free` flags applied by the worker after the current prompt (or at once when idle).
    var pendingFree: (unloadModels: Bool, freeMemory: Bool)?
    var routeCounters: [String: Int] = [:]
    /// Sockets inside their `statusSilenceAfterConnect` fault window.
    var statusSilenced: Set<String> = []
    var viewCounter = 0
    var executedPromptCounter = 0
    let renderer: OutputImageRenderer
    private var doorbell: AsyncStream<Void>.Continuation?
    private var workerTask: Task<Void, Never>?

    /// A node result kept by the classic cache.
    struct CachedNode: Sendable {
        let values: [SimValue]
        let ui: SimJSON?
    }

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        self.faults = configuration.faults
        self.files = FileStore(capBytes: configuration.fileMemoryCap)
        self.renderer = OutputImageRenderer(drift: configuration.drift, regression: configuration.regression)
        self.hub.dropAfterMessages = configuration.faults.dropWebSocketAfterMessages
    }

    /// Server wall clock in ms since the epoch (`int(time.time() * 1000)`).
    nonisolated func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    func startWorker() {
        guard workerTask == nil else { return }
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        doorbell = continuation
        workerTask = Task { [weak self] in
            for await _ in stream {
                guard let self else { return }
                await self.drainQueue()
            }
        }
        // Prompts accepted before the worker existed must not wait for the next submission.
        continuation.yield()
    }

    func stopWorker() {
        doorbell?.finish()
        workerTask?.cancel()
        workerTask = nil
        hub.closeAll()
    }

    func wakeWorker() { doorbell?.yield() }

    func connectedClientIDs() -> [String] { hub.connectedIDs }

    func setFaults(_ faults: SimulatorFaults) {
        self.faults = faults
        hub.dropAfterMessages = faults.dropWebSocketAfterMessages
    }

    func allRecords() -> [SimulatedPromptRecord] { recordOrder.compactMap { records[$0] } }

    /// `{"status": {"exec_info": {"queue_remaining": N}}}` broadcast on every queue change.
    func broadcastStatus() {
        let text = SimJSON.obj(["type": .string("status"), "data": statusData(sid: nil)]).serialized()
        hub.broadcast(text, except: statusSilenced)
    }

    func statusData(sid: String?) -> SimJSON {
        var data = SimJSON.obj(["status": .obj(["exec_info": .obj(["queue_remaining": .int(Int64(queue.remaining))])])])
        if let sid { data.set("sid", .string(sid)) }
        return data
    }

    // MARK: WebSocket registry

    /// Registers a socket and queues its connect messages (status with sid; `executing` on reconnect).
    func connect(
        sid: String, continuation: AsyncStream<WebSocketHub.Outbound>.Continuation, outbox: SocketOutbox? = nil
    ) -> Int {
        let token = hub.register(sid: sid, continuation: continuation, outbox: outbox)
        if let silence = faults.statusSilenceAfterConnect {
            statusSilenced.insert(sid)
            Task {
                try? await Task.sleep(for: silence)
                self.statusSilenced.remove(sid)
                self.sendWelcomeStatus(to: sid)
            }
        } else {
            sendWelcomeStatus(to: sid)
        }
        if let running = queue.running, running.clientID == sid, let currentNode {
            hub.send(
                SimJSON.obj(["type": .string("executing"), "data": .obj(["node": .string(currentNode)])]).serialized(),
                to: sid)
        }
        return token
    }

    private func sendWelcomeStatus(to sid: String) {
        hub.send(SimJSON.obj(["type": .string("status"), "data": statusData(sid: sid)]).serialized(), to: sid)
    }

    func disconnect(sid: String, token: Int) { hub.unregister(sid: sid, token: token) }

    /// Answers the client's feature-flag handshake.
    func sendFeatureFlags(to sid: String, supportsPreviewMetadata: Bool) {
        hub.setPreviewMetadata(supportsPreviewMetadata, for: sid)
        hub.send(SimJSON.obj(["type": .string("feature_flags"), "data": Self.features]).serialized(), to: sid)
    }

    static let features = SimJSON.obj([
        "supports_preview_metadata": .bool(true), "max_upload_size": .double(104_857_600.0),
        "extension": .obj(["manager": .obj(["supports_v4": .bool(true)])]),
    ])

    // MARK: Faults

    /// Counts a request against every matching error rule (so "/history/*" counts all entries together)
    /// and returns the injected status (0 = none) and delay for this request.
    func injectedFailure(route: String) -> (status: Int, delay: Duration?) {
        let delay = faults.delays.first { SimulatorFaults.routeMatches($0.route, route) }?.delay
        var status = 0
        for rule in faults.httpErrors where SimulatorFaults.routeMatches(rule.route, route) {
            let key = "\(rule.route)#\(rule.status)#\(rule.every)"
            routeCounters[key, default: 0] += 1
            if status == 0, (routeCounters[key] ?? 0) % rule.every == 0 { status = rule.status }
        }
        return (status, delay)
    }

    /// Whether the WebSocket upgrade is refused.
    func refusesWebSockets() -> Bool { faults.refuseWebSockets }
}
