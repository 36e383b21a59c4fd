import ComfyClient
import Foundation

/// `baseline record`: runs a scenario's regression pass (no load) and writes the images and a
/// fresh manifest into the scenario's `regression.baselines` folder.
public enum BaselineRecorder {
    /// Records and returns the new manifest; throws when any fixed-seed prompt did not run fresh.
    public static func record(_ scenario: Scenario, options: RunOptions) async throws -> BaselineManifest {
        guard let spec = scenario.regression else {
            throw HarnessError.usage(
                message: "\(scenario.sourcePath): no `regression:` section", hint: "add e.g. `regression: {seeds: [42], baselines: ../baselines/\(scenario.name)}`")
        }
        guard let url = options.servers?.first ?? scenario.servers.first else {
            throw HarnessError.usage(message: "\(scenario.sourcePath): no server to record from", hint: "add `server:` or pass --server URL")
        }
        let endpoint = try ServerEndpoint(url: url, authorization: options.authorization, insecure: options.insecure)
        let connection = ServerConnection(endpoint: endpoint, http: scenario.http)
        defer { Task { await connection.close() } }
        let stats = try await Preflight.systemStats(connection)
        let environment = EnvironmentFingerprint(server: SecretRedactor.redactURL(endpoint.baseURL), stats: stats, tlsVerification: !options.insecure)
        let prepared = options.preflight ? try await Preflight.check(scenario, on: connection) : scenario
        _ = await connection.waitUntilConnected()

        let staging = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let runner = RegressionRunner(connection: connection, clock: RunClock(), timeout: prepared.load.timeout.seconds)
        let executions = try await runner.run(
            RegressionRunner.plan(prepared, spec: spec), cacheNone: spec.cacheNone, outputDirectory: staging)
        let failed = executions.filter { $0.record.outcome != .ok || $0.files.isEmpty }
        guard failed.isEmpty else {
            let list = failed.map { "\($0.workflow) seed \($0.seed.map(String.init) ?? "-"): \($0.record.outcome.rawValue)\($0.record.failure.map { " (\($0.message))" } ?? "")" }
            throw HarnessError.server(
                url: SecretRedactor.redactURL(endpoint.baseURL),
                reason: "nothing recorded: " + list.joined(separator: "; "),
                hint: "every fixed-seed prompt must execute fresh and produce images")
        }
        for workflow in Set(executions.map(\.workflow)) {
            // A fresh recording replaces the workflow's folder, so no stale image survives it.
            try? FileManager.default.removeItem(atPath: spec.baselines + "/" + OutputStore.safeComponent(workflow))
        }
        let candidates = executions.flatMap { execution in
            execution.files.enumerated().map {
                BaselineStore.Candidate(workflow: execution.workflow, seed: execution.seed, index: $0.offset, source: $0.element)
            }
        }
        let hashes = Dictionary(uniqueKeysWithValues: prepared.workflows.map { ($0.name, WorkflowHash.of($0)) })
        return try BaselineStore(folder: spec.baselines).accept(
            candidates, into: BaselineManifest(scenario: scenario.name, environment: environment), hashes: hashes,
            environment: environment)
    }
}
