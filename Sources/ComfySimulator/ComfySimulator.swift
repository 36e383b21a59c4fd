import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// A protocol-faithful simulated ComfyUI 0.8.0 server (HTTP + WebSocket) on Hummingbird, for tests and `demo`.
///
/// ```swift
/// let simulator = ComfySimulator(configuration: .init(timeScale: 0))   // port 0: a free port
/// try await simulator.start()
/// // ... drive simulator.baseURL like a real ComfyUI server ...
/// let truth = await simulator.records()   // what really happened, to check a client's measurements
/// await simulator.stop()
/// ```
public final class ComfySimulator: Sendable {
    public let configuration: SimulatorConfiguration
    let engine: SimulatorEngine
    private let portBox = PortBox()
    private let serverTask = TaskBox()
    private let serviceGroup = ServiceGroupBox()

    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) {
        self.configuration = configuration
        self.engine = SimulatorEngine(configuration: configuration)
    }

    /// The bound port (valid after `start()`).
    public var port: Int { portBox.port }

    /// `http://HOST:PORT`.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// Binds the socket and starts serving; returns once the server accepts connections.
    public func start() async throws {
        guard serverTask.task == nil else { return }
        let engine = self.engine
        let portBox = self.portBox
        await engine.startWorker()
        var logger = Logger(label: "ComfySimulator")
        logger.logLevel = .warning
        let (bound, boundContinuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: SimulatorRouter.build(engine: engine, portBox: portBox),
            server: .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 4 << 20))) {
                request, channel, _ in
                await WebSocketEndpoint.shouldUpgrade(request: request, channel: channel, engine: engine)
            },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                boundContinuation.yield(.success(channel.localAddress?.port ?? 0))
                boundContinuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(services: [app], logger: logger)
        serviceGroup.group = group
        let task = Task {
            do {
                try await group.run()
            } catch {
                // Reaches `start()` when binding failed; after a successful start the stream is finished.
                boundContinuation.yield(.failure(error))
            }
            boundContinuation.finish()
        }
        serverTask.task = task
        var iterator = bound.makeAsyncIterator()
        let outcome = await iterator.next()
        guard case .success(let port)? = outcome, port > 0 else {
            task.cancel()
            serverTask.task = nil
            // The worker started above waits on its doorbell; left running it would outlive this
            // simulator (a Task that holds the engine's queue, never to be stopped: a leak per failed bind).
            await engine.stopWorker()
            var reason = "the server stopped before binding"
            if case .failure(let error)? = outcome { reason = "\(error)" }
            throw SimulatorError.bindFailed(host: configuration.host, port: configuration.port, reason: reason)
        }
        portBox.port = port
    }

    /// Stops serving and the worker; pending prompts are dropped.
    public func stop() async {
        await engine.stopWorker()
        guard let task = serverTask.task else { return }
        // Graceful first (open sockets get a close frame); cancel if a peer keeps a connection open.
        await serviceGroup.group?.triggerGracefulShutdown()
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            if !Task.isCancelled { task.cancel() }
        }
        _ = await task.value
        watchdog.cancel()
        serverTask.task = nil
        serviceGroup.group = nil
    }

    /// The simulator's own record of every accepted prompt, in submission order.
    public func records() async -> [SimulatedPromptRecord] { await engine.allRecords() }

    /// The client ids of the WebSockets connected right now (tests count a client's sockets).
    public func connectedClientIDs() async -> [String] { await engine.connectedClientIDs() }

    /// Changes the fault knobs at run time.
    public func setFaults(_ faults: SimulatorFaults) async { await engine.setFaults(faults) }

    /// Starts (if needed) and serves until the calling task is cancelled (`comfy-harness simulate`).
    public func runUntilCancelled() async throws {
        try await start()
        await withTaskCancellationHandler {
            if let task = serverTask.task { _ = await task.value }
        } onCancel: {
            // Graceful: open sockets get a close frame, in-flight requests finish.
            let group = serviceGroup.group
            Task { await group?.triggerGracefulShutdown() }
        }
        await stop()
    }
}

/// Why the simulator could not run.
public enum SimulatorError: Error, CustomStringConvertible {
    case bindFailed(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason):
            return "couldn't bind the simulator to \(host):\(port) (\(reason)) — is the port already in use?"
        }
    }
}
