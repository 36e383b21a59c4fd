import ComfyClient

/// The servers of a run or a sweep, ready for load: URLs checked, each server's `/system_stats`
/// fingerprint taken (which also proves it answers), the workflows preflighted against the first
/// server's `/object_info`, and every WebSocket connected. The one set-up both `run` and `sweep` share.
struct ConnectedServers: Sendable {
    let endpoints: [ServerEndpoint]
    let connections: [ServerConnection]
    let fingerprints: [EnvironmentFingerprint]
    /// The scenario with seed inputs refined from `/object_info` (unchanged with preflight off).
    let scenario: Scenario

    /// Connects to the scenario's servers (or the options' override); `purpose` names the job in errors.
    static func connect(_ scenario: Scenario, options: RunOptions, purpose: String) async throws -> ConnectedServers {
        let endpoints = try (options.servers ?? scenario.servers).map { url in
            try ServerEndpoint(url: url, authorization: options.authorization, insecure: options.insecure)
        }
        guard !endpoints.isEmpty else {
            throw HarnessError.usage(
                message: "\(scenario.sourcePath): no server to \(purpose)", hint: "add `server:` to the scenario or pass --server URL")
        }
        let connections = endpoints.map { ServerConnection(endpoint: $0, http: scenario.http) }
        do {
            var fingerprints: [EnvironmentFingerprint] = []
            for connection in connections {
                let stats = try await Preflight.systemStats(connection)
                fingerprints.append(
                    EnvironmentFingerprint(server: connection.endpoint.displayURL, stats: stats, tlsVerification: !options.insecure))
            }
            let prepared = options.preflight ? try await Preflight.check(scenario, on: connections[0]) : scenario
            for connection in connections { _ = await connection.waitUntilConnected() }
            if prepared.fleet == .leastQueued { await Self.readQueueLengths(connections) }
            return ConnectedServers(endpoints: endpoints, connections: connections, fingerprints: fingerprints, scenario: prepared)
        } catch {
            for connection in connections { await connection.close() }
            throw error
        }
    }

    /// Least-queued routing places the first prompt at once, and a server's first `status` (sent
    /// just after the socket opens) may not have arrived yet: without a length, a busy server would
    /// count as empty. One `GET /prompt` per server closes that gap; a failed read leaves it to the
    /// broadcasts.
    private static func readQueueLengths(_ connections: [ServerConnection]) async {
        await withTaskGroup(of: Void.self) { group in
            for connection in connections where connection.router.queueRemaining == nil {
                group.addTask {
                    if let remaining = try? await connection.client.queueRemaining() {
                        connection.router.seedQueueRemaining(remaining)
                    }
                }
            }
        }
    }

    func close() async {
        for connection in connections { await connection.close() }
    }
}
