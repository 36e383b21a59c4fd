import Foundation
import Testing

@testable import Harness

/// index.html for the fixed report against the committed golden file (regenerate with UPDATE_GOLDEN=1).
@Suite("index.html golden file")
struct HTMLGoldenTests {
    static let goldenPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden/fixture-index.html"

    @Test("the rendered page matches the golden file")
    func matchesGolden() throws {
        let html = try HTMLReportWriter.render(ReportFixture.report())
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try html.write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8)
        #expect(html == golden, "index.html changed: review it, then regenerate with UPDATE_GOLDEN=1 swift test --filter HTMLGoldenTests")
    }

    @Test("the injected JSON decodes back to the same report")
    func injectedDataRoundTrips() throws {
        let report = ReportFixture.report()
        let html = try HTMLReportWriter.render(report)
        let start = try #require(html.range(of: "<script id=\"report-data\" type=\"application/json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound])
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoded = try decoder.decode(RunReport.self, from: Data(json.utf8))
        #expect(decoded.overall == report.overall)
        #expect(decoded.verdict == report.verdict)
    }
}
