import ComfyClient
import NIOConcurrencyHelpers

/// Replays a scenario's workflows at its configured load against one or more servers and hands
/// every finished prompt to the recorder.
///
/// Closed model: N workers submit back to back (N follows the stages). Open model: prompts are due
/// at the `ArrivalSchedule`'s planned times whatever the server does; when `max_in_flight` is
/// reached a prompt waits for a slot but keeps its planned time, so the wait shows in `latency`.
public final class LoadDriver: Sendable {
    public let scenario: Scenario
    public let connections: [ServerConnection]
    public let clock: RunClock
    public let recorder: RunRecorder
    public let download: DownloadPolicy
    public let runSeed: UInt64
    /// Spreads prompts over the fleet (the scenario's `fleet:` policy).
    public let fleet: FleetRouter
    private let state = NIOLockedValueBox(State())

    private struct State {
        var stopping = false
        var planner: PromptPlanner?
        var issued = 0
        /// Run-clock time when the load started (after connecting and preflight): time zero of the
        /// schedule and the stages, so set-up time never turns into a burst of late arrivals.
        var loadStart = 0.0
    }

    public init(
        scenario: Scenario, connections: [ServerConnection], clock: RunClock, recorder: RunRecorder,
        download: DownloadPolicy = .measure, runSeed: UInt64 = 0x5EED
    ) {
        self.scenario = scenario
        self.connections = connections
        self.clock = clock
        self.recorder = recorder
        self.download = download
        self.runSeed = runSeed
        fleet = FleetRouter(connections: connections, policy: scenario.fleet)
        state.withLockedValue { $0.planner = PromptPlanner(workflows: scenario.workflows, runSeed: runSeed) }
    }

    /// Stops issuing new prompts; prompts in flight run to completion (or are cancelled by `cancelInFlight`).
    public func requestStop() {
        state.withLockedValue { $0.stopping = true }
    }

    public var isStopping: Bool { state.withLockedValue { $0.stopping } }

    /// Runs the load until the request budget or duration is spent, or a stop is requested.
    public func run() async {
        let start = clock.now
        state.withLockedValue { $0.loadStart = start }
        switch scenario.load.mode {
        case .closed: await runClosed()
        case .open: await runOpen()
        }
    }

    // MARK: - Issuing

    private var loadStart: Double { state.withLockedValue { $0.loadStart } }

    /// The next prompt to send at `elapsed` seconds into the load, or nil when the budget is spent
    /// or the run is stopping.
    private func issue(at elapsed: Double) -> PlannedPrompt? {
        state.withLockedValue { state in
            guard !state.stopping else { return nil }
            if let limit = scenario.load.totalRequests, state.issued >= limit { return nil }
            if let duration = scenario.load.effectiveDuration, elapsed >= duration { return nil }
            let sequence = state.issued
            state.issued += 1
            return state.planner?.next(sequence: sequence)
        }
    }

    private func lifecycle(for sequence: Int) -> PromptLifecycle {
        let connection = fleet.pick(sequence: sequence)
        return PromptLifecycle(
            connection: connection, clock: clock, timeout: scenario.load.timeout.seconds, download: download)
    }

    @discardableResult
    private func execute(_ planned: PlannedPrompt, scheduledAt: Double) async -> PromptOutcome {
        await recorder.started()
        let record = await lifecycle(for: planned.sequence).run(planned, scheduledAt: scheduledAt)
        await recorder.finished(record)
        return record.outcome
    }

    // MARK: - Closed model

    private func runClosed() async {
        let profile = scenario.load.concurrencyProfile
        let workers = max(1, Int(profile.points.map { $0.level }.max() ?? 1))
        let executor = promptExecutor
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask(executorPreference: executor) { await self.closedWorker(worker, profile: profile) }
            }
        }
    }

    /// Where prompt tasks run: the HTTP transport's curl thread, so each request and its reply stay on
    /// one thread (see `HTTPTransport.executor`); events are read on that thread too.
    private var promptExecutor: (any TaskExecutor)? { connections.first?.client.transport.executor }

    private func closedWorker(_ worker: Int, profile: LoadProfile) async {
        let origin = loadStart
        var pause = Duration.zero
        while !isStopping {
            let now = clock.now
            let elapsed = now - origin
            // Worker k is active while the profile's concurrency exceeds k.
            if Double(worker) >= profile.level(at: elapsed).rounded() {
                if let duration = scenario.load.effectiveDuration, elapsed >= duration { return }
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            guard let planned = issue(at: elapsed) else { return }
            // A refused connection fails in microseconds: without a pause a closed worker would spend
            // the whole request budget on a server that is restarting, and hammer it while it comes up.
            if await execute(planned, scheduledAt: now) == .connection {
                pause = max(pause * 2, max(scenario.http.retry.backoff, .milliseconds(50)))
                pause = min(pause, Self.maxConnectionPause)
                await sleepUnlessStopping(pause)
            } else {
                pause = .zero
            }
        }
    }

    /// The longest a closed worker waits after consecutive connection failures.
    static let maxConnectionPause = Duration.seconds(5)

    /// Sleeps in short slices so a stop request is not held up by a long pause.
    private func sleepUnlessStopping(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !isStopping, ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(50), end - ContinuousClock.now))
        }
    }

    // MARK: - Open model

    private func runOpen() async {
        var schedule = ArrivalSchedule(profile: scenario.load.rateProfile, process: scenario.load.arrivalProcess(runSeed: runSeed))
        let slots = SlotPool(limit: scenario.load.maxInFlight)
        let origin = loadStart
        let executor = promptExecutor
        await withTaskGroup(of: Void.self) { group in
            while let offset = schedule.next() {
                let due = origin + offset
                try? await clock.sleep(until: due)
                await slots.acquire()
                guard let planned = issue(at: offset) else {
                    await slots.release()
                    break
                }
                group.addTask(executorPreference: executor) {
                    await self.execute(planned, scheduledAt: due)
                    await slots.release()
                }
            }
        }
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
