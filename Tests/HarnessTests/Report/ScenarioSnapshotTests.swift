import Foundation
import Testing

@testable import Harness

/// The scenario copied into run.json: complete enough to re-check thresholds, never a secret.
@Suite("Scenario in run.json")
struct ScenarioSnapshotTests {
    @Test("URL userinfo is removed from servers and the file path; thresholds round-trip to specs")
    func redactsAndRoundTrips() throws {
        let threshold = ThresholdSpec(
            metric: "queue_wait", statistic: "p95", comparison: .lessOrEqual, value: 30, workflow: "txt2img",
            abortOnFail: true, text: "<= 30s", location: .start(of: "s.yaml"))
        let scenario = Scenario(
            name: "secret-test", sourcePath: "https://bob:hunter2@example.test/s.yaml",
            servers: ["http://alice:s3cret@127.0.0.1:8188"], workflows: [], load: LoadSpec(concurrency: 3),
            thresholds: [threshold])
        let snapshot = ScenarioSnapshot(scenario)
        let json = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
        #expect(!json.contains("s3cret") && !json.contains("hunter2") && !json.contains("alice") && !json.contains("bob"))
        #expect(snapshot.load.concurrency == 3)
        let spec = try #require(snapshot.thresholds.first?.spec(file: "run.json"))
        #expect(spec.key == threshold.key)
        #expect(spec.comparison == threshold.comparison && spec.value == threshold.value && spec.abortOnFail)
    }
}
