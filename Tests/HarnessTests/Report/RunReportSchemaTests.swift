import Foundation
import Testing

@testable import Harness

/// run.json against schemas/run.schema.json, validated by Python's jsonschema.
@Suite("run.json schema")
struct RunReportSchemaTests {
    @Test("a constructed report validates")
    func fixtureValidates() async throws {
        let folder = try ReportFixture.folder(withRunJSON: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let errors = try await SchemaValidator.errors(validating: folder + "/run.json")
        #expect(errors == nil, "\(errors ?? "")")
    }

    @Test("a report from a real simulator run, with its scenario, validates")
    func simulatorRunValidates() async throws {
        let bed = try await DriverTestBed.start()
        defer { Task { await bed.stop() } }
        let scenario = try bed.scenario(
            load: "concurrency: 2\nrequests: 6", extra: "thresholds:\n  queue_wait.p95: {threshold: \"< 30s\", abort_on_fail: true}")
        let (report, _) = try await bed.run(scenario)
        #expect(report.scenarioDefinition?.thresholds.first?.abortOnFail == true)
        let errors = try await SchemaValidator.errors(validating: bed.folder + "/report/run.json")
        #expect(errors == nil, "\(errors ?? "")")
    }

    @Test("a document missing the verdict, or with a wrong type, is rejected")
    func invalidIsRejected() async throws {
        let folder = try ReportFixture.folder(withRunJSON: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json"))) as! [String: Any]
        json["verdict"] = nil
        json["durationSeconds"] = "long"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: folder + "/bad.json"))
        let errors = try await SchemaValidator.errors(validating: folder + "/bad.json")
        #expect(errors?.contains("verdict") == true, "\(errors ?? "")")
        #expect(errors?.contains("durationSeconds") == true, "\(errors ?? "")")
    }
}
