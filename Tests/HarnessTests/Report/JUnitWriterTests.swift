import Foundation
import Testing

@testable import Harness

/// junit.xml: one case per threshold and per workflow's error check; crossed thresholds fail.
@Suite("junit.xml")
struct JUnitWriterTests {
    @Test("a crossed threshold is a failing test case with the measured value; a passed one is not")
    func thresholdFailures() throws {
        let junit = try #require(JUnitStructure.parse(JUnitWriter.render(ReportFixture.report())))
        #expect(junit.cases.contains("threshold errors.rate < 1%"))
        #expect(junit.cases.contains("threshold queue_wait.p95 < 30s"))
        #expect(junit.failed.contains("threshold errors.rate < 1%"))
        #expect(!junit.failed.contains("threshold queue_wait.p95 < 30s"))
        #expect(junit.failureTexts.contains { $0.contains("errors.rate = 6.25%") })
    }

    @Test("server error text reaches the failure body unescaped once parsed")
    func errorExamplesInFailures() throws {
        let junit = try #require(JUnitStructure.parse(JUnitWriter.render(ReportFixture.report())))
        #expect(junit.failed.contains("no prompt errors"))
        #expect(junit.failureTexts.contains { $0.contains("bad value \(ReportFixture.payload)") })
    }

    @Test("a passing report has no failures")
    func passing() throws {
        var report = ReportFixture.report()
        report.thresholds = report.thresholds.map { var result = $0; result.passed = true; result.reason = nil; return result }
        report.overall.errors = 0
        report.workflows = report.workflows.mapValues { var group = $0; group.errors = 0; return group }
        let junit = try #require(JUnitStructure.parse(JUnitWriter.render(report)))
        #expect(junit.failed.isEmpty)
        #expect(!junit.cases.isEmpty)
    }
}
