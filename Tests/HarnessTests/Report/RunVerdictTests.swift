import Testing

@testable import Harness

/// How `run`, `report` and `merge` turn failures and outcome counts into pass/fail and an exit code.
@Suite struct RunVerdictTests {
    static func overall(_ outcomes: [PromptOutcome: Int]) -> GroupSummary {
        var group = MetricsAccumulator.Group()
        group.outcomes = outcomes
        return GroupSummary(group)
    }

    @Test func aRunWithSuccessesAndNoFailuresPasses() {
        let verdict = RunReport.Verdict.decide(failures: [], overall: Self.overall([.ok: 3, .http: 5]))
        #expect(verdict.passed && verdict.exitCode == 0 && verdict.reasons.isEmpty)
    }

    @Test func nothingSucceededIsARuntimeFailure() {
        let verdict = RunReport.Verdict.decide(failures: [], overall: Self.overall([.http: 2, .timeout: 5]))
        #expect(!verdict.passed)
        #expect(verdict.exitCode == 1)
        #expect(verdict.reasons == ["no prompt succeeded (5 timeout, 2 http)"])
    }

    @Test func cachedPromptsCountAsResults() {
        #expect(RunReport.Verdict.decide(failures: [], overall: Self.overall([.cached: 1, .http: 4])).exitCode == 0)
    }

    @Test func aRunThatSentNothingIsNotAFailure() {
        // Every prompt was cancelled by Ctrl-C before it was sent: no measurement, no verdict against it.
        #expect(RunReport.Verdict.decide(failures: [], overall: Self.overall([.cancelled: 4])).exitCode == 0)
    }

    @Test func aFailedThresholdKeeps99EvenWhenNothingSucceeded() {
        let verdict = RunReport.Verdict.decide(
            failures: ["errors.rate < 50%: 100%"], overall: Self.overall([.http: 3]), abortedBy: ["errors.rate < 50%"])
        #expect(verdict.exitCode == 99)
        #expect(verdict.reasons.count == 2)
        #expect(verdict.abortedBy == ["errors.rate < 50%"])
    }
}
