/// Combining what several machines' monitors saw: peaks are the highest, means are sample-weighted,
/// timelines are kept side by side (each sample names its server).
extension MonitorSummary {
    mutating func merge(_ other: MonitorSummary) {
        let total = samples + other.samples
        func weighted(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, total > 0 else { return a ?? b }
            return (a * Double(samples) + b * Double(other.samples)) / Double(total)
        }
        vramUsedMean = weighted(vramUsedMean, other.vramUsedMean)
        torchReservedMean = weighted(torchReservedMean, other.torchReservedMean)
        vramUsedPeak = [vramUsedPeak, other.vramUsedPeak].compactMap { $0 }.max()
        vramTotal = [vramTotal, other.vramTotal].compactMap { $0 }.max()
        torchReservedPeak = [torchReservedPeak, other.torchReservedPeak].compactMap { $0 }.max()
        ramUsedPeak = [ramUsedPeak, other.ramUsedPeak].compactMap { $0 }.max()
        samples = total
        failures += other.failures
        timeline = (timeline + other.timeline).sorted { $0.t < $1.t }
    }
}

/// Machines ran side by side: per-bucket rates and in-flight counts add (runs are aligned at their start).
extension TimelineSummary {
    mutating func merge(_ other: TimelineSummary) {
        // Different bucket widths cannot be added bucket by bucket: keep the finer-grained one's shape.
        guard bucketSeconds == other.bucketSeconds else { return }
        let count = max(completionsPerMinute.count, other.completionsPerMinute.count)
        func add<T: AdditiveArithmetic>(_ a: [T], _ b: [T]) -> [T] {
            (0..<count).map { (($0 < a.count) ? a[$0] : .zero) + (($0 < b.count) ? b[$0] : .zero) }
        }
        completionsPerMinute = add(completionsPerMinute, other.completionsPerMinute)
        errorsPerMinute = add(errorsPerMinute, other.errorsPerMinute)
        inFlight = add(inFlight, other.inFlight)
    }
}
