import ComfyClient
import Foundation

/// One `comfy-harness run`: connects, preflights, drives the load, monitors the server, writes
/// `samples.jsonl`, `system_stats.jsonl` and `run.json`, and decides the verdict.
public final class RunSession: Sendable {
    public let scenario: Scenario
    public let options: RunOptions
    public let directory: String
    private let clock = RunClock()
    private let driverBox = DriverBox()

    public init(scenario: Scenario, options: RunOptions) {
        self.scenario = scenario
        self.options = options
        directory = options.outputDirectory ?? RunDirectory.defaultPath(scenario: scenario.name)
    }

    /// Stops issuing prompts; in-flight ones are cancelled on the server (unless `cancelOnStop` is off).
    public func requestStop() {
        driverBox.stopRequested = true
        driverBox.driver?.requestStop()
    }

    /// Runs the scenario; throws only for problems found before any load is sent.
    public func run(progress: ProgressPrinter? = nil) async throws -> RunReport {
        let startedAt = Date()
        try FileDescriptorBudget.ensure(for: scenario.load, servers: (options.servers ?? scenario.servers).count)
        let servers = try await ConnectedServers.connect(scenario, options: options, purpose: "run against")
        defer { Task { await servers.close() } }
        let (endpoints, connections, fingerprints, prepared) =
            (servers.endpoints, servers.connections, servers.fingerprints, servers.scenario)
        // Missing or unreadable baselines stop the run before anything is sent.
        let manifest = try scenario.regression.map { try BaselineManifest.read(folder: $0.baselines) }

        try RunDirectory.create(directory)
        let writer = try SamplesWriter(path: directory + "/samples.jsonl")
        let recorder = RunRecorder(writer: writer, warmup: scenario.load.warmup)
        let monitor = SystemMonitor(
            connections: connections, clock: clock, interval: scenario.monitor.interval, path: directory + "/system_stats.jsonl")
        let idle = IdleSocketPool(endpoints: endpoints, perServer: scenario.load.idleSockets)
        await idle.open()
        await monitor.start()
        // The regression pass runs before the load: fixed-seed prompts on an otherwise idle server
        // (one at a time, right after POST /free), and a wrong image is known before spending the load.
        let regression = try await RegressionPass.run(
            prepared, connection: connections[0], clock: clock, environment: fingerprints.first, directory: directory,
            manifest: manifest, isStopping: { [driverBox] in driverBox.stopRequested })
        let driver = LoadDriver(
            scenario: prepared, connections: connections, clock: clock, recorder: recorder, download: options.download,
            runSeed: options.runSeed)
        driverBox.driver = driver
        if driverBox.stopRequested { driver.requestStop() }  // stopped during the regression pass: no load
        let ticker = progress.map { printer in
            Task { await printer.run(recorder: recorder, monitor: monitor, connections: connections) }
        }
        let canceller = Task { await self.cancelOnStop(driver: driver, connections: connections) }
        let watcher = ThresholdWatcher(thresholds: scenario.thresholds)
        let watching = Task { await watcher.watch(recorder: recorder, monitor: monitor) { driver.requestStop() } }

        await driver.run()

        watching.cancel()
        canceller.cancel()
        ticker?.cancel()
        await progress?.finish()
        await monitor.stop()
        await writer.close()
        let idleSummary = scenario.load.idleSockets > 0 ? idle.summary : nil
        await idle.close()
        return try await RunReportBuilder.build(
            scenario: prepared, options: options, directory: directory, startedAt: startedAt, duration: clock.now,
            recorder: recorder, monitor: monitor, environment: fingerprints, connections: connections,
            stoppedEarly: driver.isStopping, samplesLines: await writer.lines, regression: regression,
            idleSockets: idleSummary, abortedBy: watcher.crossed)
    }

    /// Waits for a stop request, then clears this run's prompts off every server.
    private func cancelOnStop(driver: LoadDriver, connections: [ServerConnection]) async {
        while !driver.isStopping {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }
        }
        if options.cancelOnStop {
            for connection in connections {
                await RunCanceller.cancelOwnPrompts(on: connection)
            }
        }
        // An interrupt only lands when the running node checks for it (a model load may not for
        // minutes), and with --no-cancel nothing is cancelled at all: wait a bounded grace period,
        // then stop waiting so the reports get written.
        try? await Task.sleep(for: options.stopGrace)
        for connection in connections {
            for promptID in connection.router.activePromptIDs {
                connection.router.deliver(.cancelled, to: promptID)
            }
        }
    }
}

/// Holds the driver once it exists, so a signal handler can reach it.
private final class DriverBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: LoadDriver?
    private var stopped = false

    /// A stop was requested, possibly before the driver existed (during the regression pass).
    var stopRequested: Bool {
        get { lock.withLock { stopped } }
        set { lock.withLock { stopped = newValue } }
    }

    var driver: LoadDriver? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
