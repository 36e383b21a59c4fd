import Foundation
import Testing

@testable import Harness

/// Each kind of scenario mistake, with the exact position it is reported at.
@Suite("Scenario diagnostics")
struct ScenarioDiagnosticsTests {
    let folder: ScenarioTempFolder

    init() throws {
        folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
    }

    @Test func unknownKeyWithSuggestion() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load:
              concurency: 4
              requests: 10
            """)
        try #require(diagnostics.count == 1)
        #expect(
            diagnostics[0].description == """
                \(folder.path)/scenario.yaml:5:3: error: unknown key 'concurency' in load
                    hint: did you mean 'concurrency'?
                """)
    }

    @Test func threeMistakesGiveThreeDiagnostics() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            nmae: x
            workflows:
              sd15: {file: workflows/sd15.json, weight: heavy}
            load:
              concurrency: 0
              requests: 10
            """)
        #expect(folder.positions(diagnostics) == ["2:1", "4:45", "6:16"])
        #expect(
            diagnostics.map(\.message) == [
                "unknown key 'nmae' in the scenario",
                "expected a number for weight of workflow 'sd15', found the string 'heavy'",
                "concurrency must be at least 1, found 0",
            ])
        #expect(diagnostics[0].hint == "did you mean 'name'?")
    }

    @Test func wrongTypes() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: "1"
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {concurrency: [4], requests: 10, warmup: 1.5}
            monitor: 5
            """)
        #expect(folder.positions(diagnostics) == ["1:10", "4:21", "4:48", "5:10"])
        #expect(diagnostics[0].hint == "remove the quotes")
        #expect(diagnostics[3].message == "expected a mapping for monitor, found the integer 5")
    }

    @Test func missingRequiredKeys() throws {
        let diagnostics = try folder.diagnostics(
            """
            name: nothing
            """)
        #expect(
            diagnostics.map(\.message) == [
                "missing required key 'version' in the scenario",
                "missing required key 'workflows' in the scenario",
                "missing required key 'load' in the scenario",
            ])
        #expect(Set(folder.positions(diagnostics)) == ["1:1"])
    }

    @Test func yamlSyntaxErrorHasItsPosition() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json
            load: {requests: 1}
            """)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.hasPrefix("YAML syntax error"))
        #expect(diagnostics[0].location.line == 4)
    }

    @Test func unquotedGreaterThanGetsAQuotingHint() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {requests: 1}
            thresholds:
              throughput.per_min: > 2
            """)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].location.line == 6)
        #expect(diagnostics[0].hint?.contains("quote") == true)
    }

    @Test func duplicateKey() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {requests: 1, requests: 2}
            """)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("duplicate key 'requests'"))
        #expect(diagnostics[0].location.line == 4)
    }

    @Test func unsupportedVersionAndBadServer() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 2
            server: gpu-box:8188
            workflows:
              sd15: {file: workflows/sd15.json}
            load: {requests: 1}
            """)
        #expect(folder.positions(diagnostics) == ["1:10", "2:9"])
        #expect(diagnostics[1].message.contains("http://"))
    }
}

/// Shapes nobody should write: each gives diagnostics, none crashes.
@Suite("Malformed scenarios")
struct MalformedScenarioTests {
    @Test(arguments: [
        "", "- a\n- b\n", "just text", "version: 1\nworkflows: [a, b]\nload: {requests: 1}\n",
        "version: 1\nworkflows: {w: {prompt: 5}}\nload: null\n",
        "version: 1\nworkflows: {w: {prompt: {}}}\nload: {requests: 1}\n",
        "version: 1\nworkflows: {w: {prompt: {\"1\": 5}, set: 5}}\nload: {stages: 3}\nthresholds: [a]\n",
        "version: 1\nworkflows: {w: {prompt: {\"1\": {class_type: X, inputs: {a: []}}}, seed: [x]}}\nload: {requests: 1}\n",
        "version: 1\nworkflows: {w: null}\nload: {requests: 1}\nthresholds: {a.b: {threshold: [1]}}\n",
        "version: 1\nworkflows: {w: {file: 5}}\nload: {requests: 1, warmup: 3}\nregression: {seeds: 42}\n",
        "version: &a 1\nname: *a\nworkflows: {}\nload: {requests: 99999999999999999999999}\n",
        "version: 1\nworkflows: {w: {file: w.json}}\nload: {requests: 1}\nmonitor: {interval: 0s}\n",
        "{\"version\": 1, \"workflows\": {\"w\": {\"prompt\": {\"1\": {\"class_type\": \"A\", \"inputs\": {\"x\": [\"1\", 0]}}}}}}",
    ])
    func producesDiagnostics(yaml: String) throws {
        let folder = try ScenarioTempFolder()
        let diagnostics = try folder.diagnostics(yaml)
        #expect(diagnostics.contains { $0.isError })
        #expect(diagnostics.allSatisfy { $0.location.line >= 1 && $0.location.column >= 1 })
    }
}
