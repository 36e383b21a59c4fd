/// Combining the same workflow's statistics from several machines: counts add, histograms merge
/// through their buckets (so percentiles are those of the pooled samples), throughput adds
/// because the machines ran side by side.
extension GroupSummary {
    mutating func merge(_ other: GroupSummary) {
        prompts += other.prompts
        warmup += other.warmup
        for (outcome, count) in other.outcomes { outcomes[outcome, default: 0] += count }
        errors += other.errors
        errorRate = prompts > 0 ? Double(errors) / Double(prompts) : 0
        cached += other.cached
        images += other.images
        windowSeconds = Swift.max(windowSeconds, other.windowSeconds)
        promptsPerMinute += other.promptsPerMinute
        imagesPerMinute += other.imagesPerMinute
        for (name, summary) in other.metrics {
            guard let mine = metrics[name] else {
                metrics[name] = summary
                continue
            }
            var histogram = LatencyHistogram(buckets: mine.buckets)
            histogram.merge(LatencyHistogram(buckets: summary.buckets))
            metrics[name] = histogram.summary() ?? mine
        }
        for example in other.errorExamples {
            if let index = errorExamples.firstIndex(where: { Self.sameKind($0, example) }) {
                errorExamples[index].count += example.count
            } else {
                errorExamples.append(example)
            }
        }
        errorExamples.sort { $0.count > $1.count }
    }

    private static func sameKind(_ a: ErrorExample, _ b: ErrorExample) -> Bool {
        a.outcome == b.outcome && a.nodeType == b.nodeType && a.exceptionType == b.exceptionType
    }
}
