import Foundation

/// Parses `metric.statistic: <op> <value>` threshold entries into `ThresholdSpec`s.
///
/// Per-workflow thresholds prefix the workflow name and a slash: `txt2img/queue_wait.p95: < 30s`.
public enum ThresholdParser {
    /// Parses one entry; throws `ScenarioError` with a single diagnostic at `location` when it is invalid.
    public static func parse(key: String, value: String, location: SourceLocation) throws -> ThresholdSpec {
        switch parseResult(key: key, value: value, location: location) {
        case .success(let spec): return spec
        case .failure(let diagnostic): throw ScenarioError(diagnostics: [diagnostic])
        }
    }

    /// The same as `parse`, returning the diagnostic instead of throwing (the loader collects them all).
    static func parseResult(key: String, value: String, location: SourceLocation) -> Result<ThresholdSpec, Diagnostic> {
        let fail = { (message: String, hint: String?) in
            Result<ThresholdSpec, Diagnostic>.failure(Diagnostic.error(message, at: location, hint: hint))
        }
        var rest = Substring(key.trimmingCharacters(in: .whitespaces))
        var workflow: String?
        if let slash = rest.firstIndex(of: "/") {
            workflow = String(rest[..<slash])
            rest = rest[rest.index(after: slash)...]
            if workflow!.isEmpty {
                return fail("empty workflow name in threshold '\(key)'", "write '<workflow>/<metric>.<statistic>'")
            }
        }
        guard let (metric, statistic) = splitMetric(rest) else {
            return fail(
                "threshold '\(key)' names no statistic",
                "write '<metric>.<statistic>', e.g. 'queue_wait.p95' or 'errors.rate'")
        }
        guard let family = ThresholdMetric.family(of: metric) else {
            let base = String(metric.prefix { $0 != "." })
            let hint =
                Suggestion.didYouMean(base, among: ThresholdMetric.names)
                ?? "known metrics: \(ThresholdMetric.names.joined(separator: ", "))"
            return fail("unknown metric '\(metric)' in threshold '\(key)'", hint)
        }
        guard let kind = family.kind(of: statistic) else {
            let hint =
                Suggestion.didYouMean(statistic, among: family.statistics)
                ?? "\(metric) has: \(family.statistics.joined(separator: ", "))"
            return fail("'\(statistic)' is not a statistic of \(metric)", hint)
        }
        if workflow != nil && !family.perWorkflow {
            return fail("\(metric) is measured per server, not per workflow", "drop the '\(workflow!)/' prefix")
        }
        guard let (comparison, operand) = splitComparison(value) else {
            return fail(
                "threshold '\(key)' needs a comparison, found '\(value)'", "write e.g. '< 30s'; operators: < <= > >= =="
            )
        }
        switch Quantity.parse(operand, as: kind) {
        case .failure(let error):
            return fail("bad value in threshold '\(key)': \(error.message)", error.hint)
        case .success(let number):
            return .success(
                ThresholdSpec(
                    metric: metric, statistic: statistic, comparison: comparison, value: number, workflow: workflow,
                    text: value.trimmingCharacters(in: .whitespaces), location: location))
        }
    }

    /// `node_time.KSampler.p95` → (`node_time.KSampler`, `p95`); `latency.p99.9` → (`latency`, `p99.9`).
    private static func splitMetric(_ text: Substring) -> (String, String)? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, !parts.contains(where: \.isEmpty) else { return nil }
        // Metrics with a second name part: node_time.<class>, and errors.<class> when the class is known.
        var metricParts = 1
        if parts[0] == "node_time" || (parts[0] == "errors" && ThresholdMetric.errorClasses.contains(parts[1])) {
            metricParts = 2
        }
        guard parts.count > metricParts else { return nil }
        return (parts[..<metricParts].joined(separator: "."), parts[metricParts...].joined(separator: "."))
    }

    /// `<= 1.5GiB` → (.lessOrEqual, `1.5GiB`); the longest operator wins.
    private static func splitComparison(_ text: String) -> (Comparison, String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let byLength = Comparison.allCases.sorted { $0.rawValue.count > $1.rawValue.count }
        guard let comparison = byLength.first(where: { trimmed.hasPrefix($0.rawValue) }) else { return nil }
        let operand = String(trimmed.dropFirst(comparison.rawValue.count)).trimmingCharacters(in: .whitespaces)
        return operand.isEmpty ? nil : (comparison, operand)
    }
}
