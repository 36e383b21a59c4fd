import Foundation
import Testing

@testable import Harness

@Suite("Workflow graph and server checks")
struct WorkflowGraphTests {
    @Test func cycleIsNamed() throws {
        let folder = try ScenarioTempFolder()
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              loop:
                prompt:
                  "1": {class_type: ImageInvert, inputs: {image: ["2", 0]}}
                  "2": {class_type: ImageInvert, inputs: {image: ["1", 0]}}
                  "3": {class_type: SaveImage, inputs: {images: ["2", 0]}}
            load: {requests: 1}
            """
        ).filter(\.isError)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.hasPrefix("nodes 1 → 2 → 1 in 'loop' form a cycle"))
        #expect(folder.positions(diagnostics) == ["5:7"])
    }

    @Test func nodeTimeThresholdOnAnAbsentClassWarns() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: workflows/sd15.json
            load: {requests: 1}
            thresholds:
              node_time.KSampler.p95: < 10s
              node_time.VAEDecod.p95: < 10s
            """)
        #expect(scenario.thresholds.count == 2)
        #expect(
            scenario.warnings.map(\.message) == [
                "no workflow has a node of class 'VAEDecod', so 'node_time.VAEDecod.p95' will have no samples"
            ])
        #expect(scenario.warnings.first?.hint == "did you mean 'VAEDecode'?")
    }

    @Test func serverListsAndOverride() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let fleet = try folder.load(
            """
            version: 1
            servers: [http://a:8188/, "https://b.example"]
            workflows: {sd15: workflows/sd15.json}
            load: {requests: 1}
            """)
        #expect(fleet.servers == ["http://a:8188", "https://b.example"])
        let empty = try folder.diagnostics(
            """
            version: 1
            servers: []
            workflows: {sd15: workflows/sd15.json}
            load: {requests: 1}
            """)
        #expect(folder.positions(empty) == ["2:10"])
        let path = try folder.write(
            "ok.yaml", "version: 1\nworkflows: {sd15: workflows/sd15.json}\nload: {requests: 1}\n")
        let error = #expect(throws: ScenarioError.self) {
            try ScenarioLoader.load(path: path, serverOverride: "ftp://x")
        }
        #expect(error?.diagnostics.first?.message.hasPrefix("--server:") == true)
    }

    @Test func errorDescriptionListsEveryDiagnostic() {
        let error = ScenarioError(diagnostics: [
            .error("second", at: SourceLocation(file: "a.yaml", line: 9, column: 1)),
            .warning("first", at: SourceLocation(file: "a.yaml", line: 2, column: 4), hint: "h"),
        ])
        #expect(
            error.description == """
                a.yaml:2:4: warning: first
                    hint: h
                a.yaml:9:1: error: second
                1 error in scenario
                """)
    }

    @Test func missingScenarioFile() {
        let error = #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/x.yaml") }
        #expect(error?.diagnostics.first?.message == "scenario file not found: '/nonexistent/x.yaml'")
    }
}
