import ComfyImage
import ComfySimulator
import Foundation
import Testing

@testable import Harness

extension RegressionSuites {
    /// The report folder is self-contained: every regression picture is inside it under a relative,
    /// harness-chosen path; run.json, the HTML page and JUnit carry the verdicts.
    @Suite struct RegressionReportTests {
        @Test func aRegressedRunWritesASelfContainedReport() async throws {
            let recorder = try await RegressionTestBed.start()
            _ = try await recorder.record(try recorder.scenario())
            await recorder.stop(keepFolder: true)
            let sim = try await RegressionTestBed.start(regression: .patch(size: 24, x: 40, y: 40), folder: recorder.folder)
            defer { Task { await sim.stop() } }
            let report = try await sim.run(try sim.scenario())

            let reread = try RunReport.read(from: sim.reportDirectory + "/run.json")
            #expect(reread.regression == report.regression)
            for image in report.regressionImages {
                for path in [image.baseline, image.actual, image.diff, image.heatMap] {
                    let relative = try #require(path)
                    #expect(relative.hasPrefix("regression/") && !relative.contains(".."))
                    #expect(FileManager.default.fileExists(atPath: sim.reportDirectory + "/" + relative))
                }
            }

            let html = try String(contentsOfFile: sim.reportDirectory + "/index.html", encoding: .utf8)
            let errors = try #require(html.range(of: "<h2>Errors</h2>"))
            let section = try #require(html.range(of: "<section class=\"card\" id=\"regression\""))
            let thresholds = try #require(html.range(of: "<h2>Thresholds</h2>"))
            #expect(errors.upperBound < section.lowerBound && section.upperBound < thresholds.lowerBound)
            // JSONEncoder escapes "/" inside the injected data.
            #expect(html.contains(#"regression\/diff\/txt2img\/seed-42\/0.png"#))
            #expect(!html.contains("innerHTML"))

            let junit = JUnitWriter.render(report)
            #expect(junit.contains("testsuite name=\"driver-test.regression.txt2img\" tests=\"2\" failures=\"2\""))
            #expect(junit.contains("name=\"seed 7 image 0: REGRESSED\""))
            #expect(SummaryTable.render(report, directory: "").contains("✗ [txt2img] seed 42 #0 REGRESSED (same composition)"))
        }
    }
}
