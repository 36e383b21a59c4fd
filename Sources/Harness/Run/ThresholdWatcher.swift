import Foundation

/// Re-checks the scenario's `abort_on_fail` thresholds on the live metrics about once a second and
/// stops the run at the first one crossed (k6's `abortOnFail`). A threshold whose metric has no
/// data yet is not crossed: an early run without a measured queue wait must not abort.
final class ThresholdWatcher: Sendable {
    private let specs: [ThresholdSpec]
    private let crossedBox = CrossedBox()

    init(thresholds: [ThresholdSpec]) {
        specs = thresholds.filter(\.abortOnFail)
    }

    /// The thresholds that stopped the run, as written; empty when none did.
    var crossed: [String] { crossedBox.value }

    /// Polls until cancelled or until a threshold is crossed, then calls `stop` once.
    func watch(
        recorder: RunRecorder, monitor: SystemMonitor, interval: Duration = .seconds(1), stop: @Sendable () -> Void
    ) async {
        guard !specs.isEmpty else { return }
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let failed = await check(recorder: recorder, monitor: monitor)
            if !failed.isEmpty {
                crossedBox.value = failed
                stop()
                return
            }
        }
    }

    /// The abort_on_fail thresholds crossed by the metrics so far.
    func check(recorder: RunRecorder, monitor: SystemMonitor) async -> [String] {
        let metrics = await recorder.metrics
        let results = ThresholdEvaluator.evaluate(
            specs, overall: GroupSummary(metrics.overall), workflows: metrics.workflows.mapValues(GroupSummary.init),
            monitor: await monitor.summary(points: 1))
        return results.filter { !$0.passed && $0.actual != nil }.map { "\($0.threshold) (\($0.actualText ?? "?"))" }
    }
}

/// The crossed thresholds, set once by the watcher task and read after the run.
private final class CrossedBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var value: [String] {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
