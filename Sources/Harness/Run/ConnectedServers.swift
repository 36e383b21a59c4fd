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
            return ConnectedServers(endpoints: endpoints, connections: connections, fingerprints: fingerprints, scenario: prepared)
        } catch {
            for connection in connections { await connection.close() }
            throw error
        }
    }

    func close() async {
        for connection in connections { await connection.close() }
    }
}
