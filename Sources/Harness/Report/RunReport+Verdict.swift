extension RunReport.Verdict {
    /// The verdict from the failures found (thresholds, regression, aborts, unwritten samples) and
    /// the overall outcome counts. `run`, `report` and `merge` all decide through here, so a rebuilt
    /// or merged report says what the live run said.
    ///
    /// Thresholds are optional, and a CI job without any must still go red when the server did not
    /// produce a single result: that is a failed run (exit 1), not a measured one that missed (99).
    static func decide(failures: [String], overall: GroupSummary, abortedBy: [String] = []) -> Self {
        var reasons = failures
        let nothingSucceeded = Self.nothingSucceeded(overall)
        if let nothingSucceeded { reasons.append(nothingSucceeded) }
        let exitCode: Int32 =
            if reasons.isEmpty { 0 } else if nothingSucceeded != nil && failures.isEmpty { 1 } else { 99 }
        return .init(
            passed: reasons.isEmpty, exitCode: exitCode, reasons: reasons, abortedBy: abortedBy.isEmpty ? nil : abortedBy)
    }

    /// The reason when prompts were measured and none of them came back ok or cached.
    static func nothingSucceeded(_ overall: GroupSummary) -> String? {
        let succeeded = (overall.outcomes["ok"] ?? 0) + (overall.outcomes["cached"] ?? 0)
        guard overall.prompts > 0, succeeded == 0 else { return nil }
        let classes = overall.outcomes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }
        return "no prompt succeeded (\(classes.joined(separator: ", ")))"
    }
}
