import ComfyClient
import Foundation

/// Samples `/system_stats` at the scenario's interval for the whole run: VRAM as the device sees
/// it (`vram_total − vram_free`), the allocator's reservation (`torch_vram_total − torch_vram_free`)
/// and RAM; appends each sample to `system_stats.jsonl` and keeps peak, mean and a timeline.
public actor SystemMonitor {
    /// One sample, as written to `system_stats.jsonl`.
    public struct Sample: Sendable, Codable, Equatable {
        public var t: Double
        public var server: String
        public var vramUsed: Int64?
        public var vramTotal: Int64?
        public var torchReserved: Int64?
        public var ramUsed: Int64?
        public var queueRemaining: Int?
    }

    private let connections: [ServerConnection]
    private let clock: RunClock
    private let interval: Duration
    private let handle: FileHandle?
    private let encoder = JSONEncoder()
    public private(set) var samples: [Sample] = []
    public private(set) var failures = 0
    private var task: Task<Void, Never>?

    public init(connections: [ServerConnection], clock: RunClock, interval: Duration, path: String?) {
        self.connections = connections
        self.clock = clock
        self.interval = interval
        if let path, FileManager.default.createFile(atPath: path, contents: nil) {
            handle = FileHandle(forWritingAtPath: path)
        } else {
            handle = nil
        }
        encoder.outputFormatting = [.sortedKeys]
    }

    public func start() {
        task = Task { [interval] in
            while !Task.isCancelled {
                await self.sampleOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    public func stop() async {
        task?.cancel()
        await sampleOnce()
        try? handle?.close()
    }

    public var latest: Sample? { samples.last }

    func sampleOnce() async {
        for connection in connections {
            guard let stats = try? await connection.client.systemStats() else {
                failures += 1
                continue
            }
            let device = stats.devices.first
            let sample = Sample(
                t: clock.now, server: connection.endpoint.displayURL,
                vramUsed: device.map { $0.vramTotal - $0.vramFree }, vramTotal: device?.vramTotal,
                torchReserved: device.map { $0.torchVramTotal - $0.torchVramFree },
                ramUsed: stats.ramTotal - stats.ramFree, queueRemaining: connection.router.queueRemaining)
            samples.append(sample)
            if let handle, var line = try? encoder.encode(sample) {
                line.append(0x0A)
                try? handle.write(contentsOf: line)
            }
        }
    }

    /// Peak and mean of each series, and the timeline downsampled to at most `points` samples.
    public func summary(points: Int = 500) -> MonitorSummary {
        MonitorSummary(samples: samples, failures: failures, points: points)
    }
}

/// What the monitor saw, for `run.json`: peaks, means and a bounded timeline.
public struct MonitorSummary: Sendable, Codable, Equatable {
    public var samples: Int
    public var failures: Int
    public var vramUsedPeak: Int64?
    public var vramUsedMean: Double?
    public var vramTotal: Int64?
    public var torchReservedPeak: Int64?
    public var torchReservedMean: Double?
    public var ramUsedPeak: Int64?
    public var timeline: [SystemMonitor.Sample]

    init(samples all: [SystemMonitor.Sample], failures: Int, points: Int) {
        samples = all.count
        self.failures = failures
        let vram = all.compactMap(\.vramUsed), torch = all.compactMap(\.torchReserved)
        vramUsedPeak = vram.max()
        vramUsedMean = vram.isEmpty ? nil : Double(vram.reduce(0, +)) / Double(vram.count)
        vramTotal = all.compactMap(\.vramTotal).max()
        torchReservedPeak = torch.max()
        torchReservedMean = torch.isEmpty ? nil : Double(torch.reduce(0, +)) / Double(torch.count)
        ramUsedPeak = all.compactMap(\.ramUsed).max()
        let stride = max(1, (all.count + points - 1) / max(points, 1))
        timeline = Swift.stride(from: 0, to: all.count, by: stride).map { all[$0] }
    }
}
