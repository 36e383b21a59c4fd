import ComfyClient
import Foundation
import NIOConcurrencyHelpers

/// One `comfy-harness sweep`: connects once, then runs one load step per level the `SweepPlan`
/// asks for, each with a settle period and a measuring window, and writes `sweep.json`,
/// `sweep.html` and a `step-NN.samples.jsonl` per step.
///
/// Between steps the load drains: a step stops issuing prompts at the end of its window and waits
/// for those in flight, so every step starts from an empty queue and its settle period only has to
/// cover its own ramp-up, never the previous step's backlog.
public final class SweepRunner: Sendable {
    public let scenario: Scenario
    public let spec: SweepSpec
    public let options: RunOptions
    public let directory: String
    private let clock = RunClock()
    private let state = NIOLockedValueBox<(stopping: Bool, driver: LoadDriver?)>((false, nil))

    public init(scenario: Scenario, spec: SweepSpec, options: RunOptions) {
        self.scenario = scenario
        self.spec = spec
        self.options = options
        directory = options.outputDirectory ?? RunDirectory.defaultPath(scenario: scenario.name + "-sweep")
    }

    /// Stops after the current step (which stops issuing prompts now); the steps so far are reported.
    public func requestStop() {
        let driver = state.withLockedValue { state in
            state.stopping = true
            return state.driver
        }
        driver?.requestStop()
    }

    private var isStopping: Bool { state.withLockedValue { $0.stopping } }

    /// Runs the sweep; `log` receives one line per finished step (for a live table).
    public func run(log: @Sendable (SweepStep) -> Void = { _ in }) async throws -> SweepResult {
        let startedAt = Date()
        try Self.ensureDescriptors(for: scenario, spec: spec, servers: (options.servers ?? scenario.servers).count)
        let servers = try await ConnectedServers.connect(scenario, options: options, purpose: "sweep")
        defer { Task { await servers.close() } }
        let (endpoints, connections, fingerprints, prepared) =
            (servers.endpoints, servers.connections, servers.fingerprints, servers.scenario)
        try RunDirectory.create(directory)
        let idle = IdleSocketPool(endpoints: endpoints, perServer: scenario.load.idleSockets)
        await idle.open()

        try await warmUp(prepared, connections: connections)
        let plan = SweepPlan(spec: spec, mode: scenario.load.mode)
        var steps: [SweepStep] = []
        while !isStopping, let level = plan.next(after: steps.map(\.outcome)) {
            let phase = plan.searchState(steps.map(\.outcome)).stop == nil ? "search" : "refine"
            let step = try await runStep(level: level, index: steps.count, phase: phase, scenario: prepared, connections: connections)
            steps.append(step)
            log(step)
        }
        if isStopping {
            for connection in connections { await RunCanceller.cancelOwnPrompts(on: connection) }
        }
        let idleSummary = scenario.load.idleSockets > 0 ? idle.summary : nil
        await idle.close()
        let findings = SweepAnalysis.findings(
            steps, context: .init(mode: scenario.load.mode, slos: spec.slos, flatGain: spec.flatGain, servers: connections.count))
        var result = SweepResult(
            scenario: scenario.name, scenarioFile: scenario.sourcePath,
            startedAt: ISO8601DateFormatter().string(from: startedAt), durationSeconds: clock.now,
            mode: scenario.load.mode.rawValue, servers: connections.map { SecretRedactor.redactURL($0.endpoint.baseURL) },
            fleet: scenario.fleet.rawValue, environment: fingerprints, slos: spec.slos.map { "\($0.key) \($0.text)" },
            settleSeconds: spec.settle.seconds, measureSeconds: spec.measure.seconds, steps: steps,
            stopReason: isStopping ? "stopped" : plan.searchState(steps.map(\.outcome)).stop?.rawValue,
            saturation: findings.saturation, knee: findings.knee, queueWaitGrowth: findings.queueWaitGrowth,
            queueWaitStatistic: findings.queueWaitStatistic, usl: findings.usl, sentence: findings.sentence,
            exitCode: findings.exitCode)
        result.idleSockets = idleSummary
        try result.write(to: directory + "/sweep.json")
        try SweepHTMLWriter.write(result, to: directory + "/sweep.html")
        return result
    }

    /// `max(1, load.warmup)` prompts per server (one client per server) before the first step, so
    /// loading the models (seconds on a real GPU) never lands in a step's window. Written to
    /// `warmup.samples.jsonl`.
    private func warmUp(_ prepared: Scenario, connections: [ServerConnection]) async throws {
        var warm = prepared
        warm.load = LoadSpec(
            mode: .closed, concurrency: connections.count, requests: max(1, prepared.load.warmup) * connections.count,
            timeout: prepared.load.timeout)
        let writer = try SamplesWriter(path: directory + "/warmup.samples.jsonl")
        let driver = LoadDriver(
            scenario: warm, connections: connections, clock: clock, recorder: RunRecorder(writer: writer, warmup: 0),
            download: options.download, runSeed: options.runSeed &+ 0xA5A5)
        state.withLockedValue { $0.driver = driver }
        if isStopping { driver.requestStop() }
        await driver.run()
        await writer.close()
        state.withLockedValue { $0.driver = nil }
    }

    /// One level: `settle + measure` of load, then the drain; analysed over the measuring window.
    private func runStep(
        level: Double, index: Int, phase: String, scenario prepared: Scenario, connections: [ServerConnection]
    ) async throws -> SweepStep {
        var stepScenario = prepared
        stepScenario.load = Self.load(for: level, step: index, base: prepared.load, duration: spec.settle + spec.measure)
        let path = directory + String(format: "/step-%02d.samples.jsonl", index + 1)
        let writer = try SamplesWriter(path: path)
        let recorder = RunRecorder(writer: writer, warmup: 0)
        let monitor = SystemMonitor(connections: connections, clock: clock, interval: prepared.monitor.interval, path: nil)
        // A fresh seed stream per step: replaying step 1's seeds would be answered from ComfyUI's cache.
        let driver = LoadDriver(
            scenario: stepScenario, connections: connections, clock: clock, recorder: recorder, download: options.download,
            runSeed: options.runSeed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
        state.withLockedValue { $0.driver = driver }
        if isStopping { driver.requestStop() }
        await monitor.start()
        let start = clock.now
        await driver.run()
        await monitor.stop()
        await writer.close()
        state.withLockedValue { $0.driver = nil }
        let (records, _) = try SamplesWriter.read(path: path)
        let windowStart = start + spec.settle.seconds
        return StepAnalyzer.analyze(
            records: records, level: level, phase: phase, window: windowStart...(windowStart + spec.measure.seconds),
            monitor: await monitor.summary(), slos: spec.slos, servers: connections.count)
    }

    /// The descriptor check `run` makes, for the sweep's highest level (refinement only goes between
    /// search levels), so a sweep toward 512 clients fails before its first step, not halfway.
    private static func ensureDescriptors(for scenario: Scenario, spec: SweepSpec, servers: Int) throws {
        guard let top = SweepPlan(spec: spec, mode: scenario.load.mode).searchLevels.max() else { return }
        var peak = load(for: top, step: 0, base: scenario.load, duration: spec.settle + spec.measure)
        peak.idleSockets = scenario.load.idleSockets
        try FileDescriptorBudget.ensure(for: peak, servers: servers)
    }

    /// The step's load: the scenario's mode, timeout and arrival process at one constant level.
    static func load(for level: Double, step: Int, base: LoadSpec, duration: Duration) -> LoadSpec {
        switch base.mode {
        case .closed:
            return LoadSpec(mode: .closed, concurrency: max(1, Int(level.rounded())), duration: duration, timeout: base.timeout)
        case .open:
            return LoadSpec(
                mode: .open, rate: level, arrival: base.arrival, maxInFlight: base.maxInFlight, duration: duration,
                timeout: base.timeout, arrivalSeed: base.arrivalSeed.map { $0 &+ UInt64(step) })
        }
    }
}
