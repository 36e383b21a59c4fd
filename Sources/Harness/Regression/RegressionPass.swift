import Foundation

/// The regression step of `run`: the fixed-seed prompts, then their verdicts against the baselines.
enum RegressionPass {
    static func run(
        _ scenario: Scenario, connection: ServerConnection, clock: RunClock, environment: EnvironmentFingerprint?,
        directory: String, manifest: BaselineManifest?, isStopping: @escaping @Sendable () -> Bool = { false }
    ) async throws -> RegressionSummary? {
        guard let spec = scenario.regression, let manifest else { return nil }
        let runner = RegressionRunner(connection: connection, clock: clock, timeout: scenario.load.timeout.seconds)
        let executions = try await runner.run(
            RegressionRunner.plan(scenario, spec: spec), cacheNone: spec.cacheNone,
            outputDirectory: directory + "/regression/actual", isStopping: isStopping)
        let evaluator = RegressionEvaluator(
            manifest: manifest, baselineFolder: absolute(spec.baselines), tolerance: spec.tolerance.tolerance,
            environment: environment, reportDirectory: directory)
        return await evaluator.evaluate(executions, workflows: scenario.workflows, freedCache: !spec.cacheNone)
    }

    /// `baseline approve` may run from another folder than `run` did: store where the baselines really are.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
