import ComfyClient
import Foundation
import NIOConcurrencyHelpers

/// Extra `/ws` connections that only listen, like browser tabs left open on ComfyUI: each has its
/// own client id (ComfyUI misroutes when one is shared) and receives the `status` broadcasts every
/// socket gets. They load the server's event fan-out, not its GPU.
public final class IdleSocketPool: Sendable {
    private struct State {
        var connected = 0
        var everConnected: Set<String> = []
        var messages = 0
        var disconnects = 0
    }

    public let perServer: Int
    private let streams: [ComfyEventStream]
    private let state = NIOLockedValueBox(State())
    private let pumps = NIOLockedValueBox<[Task<Void, Never>]>([])

    /// `perServer` sockets to each endpoint (none are opened until `open()`).
    public init(endpoints: [ServerEndpoint], perServer: Int) {
        self.perServer = max(0, perServer)
        streams = endpoints.flatMap { endpoint in
            (0..<max(0, perServer)).map { _ in
                ComfyEventStream(
                    endpoint: endpoint, clientID: "comfy-harness-idle-" + UUID().uuidString.lowercased(),
                    clientFeatureFlags: nil)
            }
        }
    }

    /// Opens every socket and waits (bounded) until they are all connected.
    public func open(timeout: Double = 5) async {
        guard !streams.isEmpty else { return }
        let tasks = streams.map { stream in
            Task {
                for await update in stream.updates {
                    self.state.withLockedValue { state in
                        switch update {
                        case .connected:
                            state.connected += 1
                            state.everConnected.insert(stream.clientID)
                        case .disconnected, .gaveUp:
                            state.connected = max(0, state.connected - 1)
                            state.disconnects += 1
                        case .event:
                            state.messages += 1
                        }
                    }
                }
            }
        }
        pumps.withLockedValue { $0 = tasks }
        for stream in streams { stream.start() }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int64(timeout * 1000)))
        while clock.now < deadline, state.withLockedValue({ $0.connected }) < streams.count {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Closes every socket.
    public func close() async {
        for stream in streams { await stream.stop() }
        for task in pumps.withLockedValue({ $0 }) { await task.value }
    }

    /// What the report shows about the idle sockets.
    public var summary: IdleSocketSummary {
        state.withLockedValue { state in
            IdleSocketSummary(
                requested: streams.count, connected: state.everConnected.count, messages: state.messages,
                disconnects: state.disconnects)
        }
    }
}

/// The idle (browser-like) sockets of a run, as `run.json` stores them.
public struct IdleSocketSummary: Sendable, Codable, Equatable {
    /// Sockets asked for (per server × servers).
    public var requested: Int
    /// Sockets that connected at least once.
    public var connected: Int
    /// Messages they received in all (mostly `status` broadcasts).
    public var messages: Int
    public var disconnects: Int
}
