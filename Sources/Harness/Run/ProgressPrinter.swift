import Foundation

/// The live line on a terminal: done/failed, in flight, server queue, p95 queue wait, s/it, VRAM.
/// Redrawn in place once a second on stderr; nothing at all when stderr is not a TTY.
public actor ProgressPrinter {
    private let clock: RunClock
    private var drawn = false

    public init(clock: RunClock = RunClock()) {
        self.clock = clock
    }

    /// Whether a live line makes sense: stderr is a terminal.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    func run(recorder: RunRecorder, monitor: SystemMonitor, connections: [ServerConnection]) async {
        while !Task.isCancelled {
            let snapshot = await recorder.snapshot()
            let sample = await monitor.latest
            let queue = connections.compactMap(\.router.queueRemaining).reduce(0, +)
            draw(Self.line(elapsed: clock.now, snapshot: snapshot, queue: queue, sample: sample))
            try? await Task.sleep(for: .seconds(1))
        }
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)".utf8))
        drawn = true
    }

    static func line(elapsed: Double, snapshot: ProgressSnapshot, queue: Int, sample: SystemMonitor.Sample?) -> String {
        var parts = [
            String(format: "%6.1fs", elapsed),
            "done \(snapshot.completed)", "failed \(snapshot.failed)", "in flight \(snapshot.inFlight)", "queue \(queue)",
        ]
        if let wait = snapshot.queueWaitP95 { parts.append(String(format: "p95 wait %.2fs", wait)) }
        if let step = snapshot.stepTimeP50 { parts.append(String(format: "%.3f s/it", step)) }
        if let used = sample?.vramUsed, let total = sample?.vramTotal, total > 0 {
            parts.append(String(format: "VRAM %.1f/%.1f GiB", Double(used) / 1_073_741_824, Double(total) / 1_073_741_824))
        }
        return parts.joined(separator: " | ")
    }
}
