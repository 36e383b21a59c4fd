import Foundation

/// Parses a `--slo` argument (`queue_wait.p95 < 30s`) with the scenario's threshold rules, so the
/// command line and the `thresholds:`/`sweep.slo` sections accept exactly the same conditions.
public enum SLOArgument {
    public static func parse(_ text: String) throws -> ThresholdSpec {
        let location = SourceLocation(file: "--slo '\(text)'", line: 1, column: 1)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let index = trimmed.firstIndex(where: { "<>=".contains($0) }) else {
            throw ScenarioError(diagnostics: [
                .error("the SLO needs a comparison", at: location, hint: "write e.g. 'queue_wait.p95 < 30s'")
            ])
        }
        let key = String(trimmed[..<index]).trimmingCharacters(in: .whitespaces)
        return try ThresholdParser.parse(key: key, value: String(trimmed[index...]), location: location)
    }
}
