import Foundation
import Testing

@testable import Harness

/// Problems in workflow files and in `set`/`seed` entries, positioned in the file that has them.
@Suite("Workflow file diagnostics")
struct WorkflowFileDiagnosticsTests {
    let folder: ScenarioTempFolder

    init() throws {
        folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
    }

    func scenario(_ workflowEntry: String) -> String {
        """
        version: 1
        workflows:
          wf: \(workflowEntry)
        load: {requests: 3}
        """
    }

    @Test func missingFileNamesTheResolvedPath() throws {
        let diagnostics = try folder.diagnostics(scenario("{file: ../elsewhere/missing.json}"))
        try #require(diagnostics.count == 1)
        let expected = ScenarioPath.normalize(folder.path + "/../elsewhere/missing.json")
        #expect(diagnostics[0].message == "workflow file not found: '\(expected)'")
        #expect(folder.positions(diagnostics) == ["3:14"])
    }

    @Test func uiFormatIsRecognized() throws {
        try folder.write(
            "ui.json",
            #"{"last_node_id": 9, "nodes": [{"id": 3, "type": "KSampler"}], "links": [[1, 4, 0, 3, 0, "MODEL"]], "version": 0.4}"#
        )
        let diagnostics = try folder.diagnostics(scenario("{file: ui.json}"))
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("UI format"))
        #expect(diagnostics[0].hint?.contains("Export (API)") == true)
        #expect(diagnostics[0].hint?.contains("Save (API Format)") == true)
        #expect(folder.positions(diagnostics) == ["3:14"])
    }

    @Test func invalidJSONIsPositionedInTheWorkflowFile() throws {
        let file = try folder.write("broken.json", "{\n  \"1\": {\"class_type\": \"SaveImage\",\n  \"inputs\": {}\n")
        let diagnostics = try folder.diagnostics(scenario("{file: broken.json}"))
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].location.file == file)
        #expect(diagnostics[0].message.contains("not valid JSON"))
    }

    @Test func nodesWithoutClassTypeOrInputsAndBadLinks() throws {
        let file = try folder.write(
            "bad.json",
            """
            {
              "1": {"inputs": {}},
              "2": {"class_type": "VAEDecode"},
              "3": {"class_type": "SaveImage", "inputs": {
                "images": ["8", 0],
                "other": [2, 0],
                "list": [1, 2, 3]
              }}
            }
            """)
        let diagnostics = try folder.diagnostics(scenario("{file: bad.json}"))
        #expect(diagnostics.allSatisfy { $0.location.file == file })
        #expect(folder.positions(diagnostics) == ["2:3", "3:3", "5:5", "6:5", "7:5"])
        #expect(
            diagnostics.map(\.message) == [
                "node 1 in '\(file)' has no class_type",
                "node 2 in '\(file)' has no inputs object",
                "input 'images' of node 3 in '\(file)' links to node 8, which does not exist",
                "link 'other' of node 3 in '\(file)' names its source node with a number",
                "input 'list' of node 3 in '\(file)' is a list but not a link [\"<node id>\", <output index>]",
            ])
    }

    @Test func setKeysThatMatchNothing() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              wf:
                file: workflows/sd15.json
                set:
                  "6.text": fine
                  "66.text": nope
                  "6.txt": nope
                  "notation": nope
            load: {requests: 3}
            """)
        #expect(folder.positions(diagnostics) == ["7:7", "8:7", "9:7"])
        #expect(diagnostics[0].message == "set key '66.text' matches no node id or _meta.title '66'")
        #expect(diagnostics[1].message == "set key '6.txt': node 6 has no input 'txt'")
        #expect(diagnostics[1].hint == "did you mean 'text'?")
        #expect(diagnostics[2].message.contains("is not '<node>.<input>'"))
    }

    @Test func ambiguousTitle() throws {
        let diagnostics = try folder.diagnostics(
            scenario(
                """
                {prompt: {"1": {class_type: A, inputs: {x: 1}, _meta: {title: T}}, "2": {class_type: A, inputs: {x: 1}, _meta: {title: T}}}, set: {T.x: 2}}
                """)
        ).filter(\.isError)
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("shared by nodes 1, 2"))
    }

    @Test func fixedSeedWithoutSeedInputIsAnError() throws {
        let diagnostics = try folder.diagnostics(
            scenario(
                """
                {prompt: {"1": {class_type: EmptyImage, inputs: {width: 8}}, "2": {class_type: SaveImage, inputs: {images: ["1", 0]}}}, seed: 42}
                """))
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("fixed seed but no seed input"))
        #expect(folder.positions(diagnostics) == ["3:127"])
    }

    @Test func randomSeedWithoutSeedInputIsAWarning() throws {
        let scenario = try folder.load(
            scenario(
                """
                {prompt: {"1": {class_type: EmptyImage, inputs: {width: 8}}, "2": {class_type: SaveImage, inputs: {images: ["1", 0]}}}}
                """))
        #expect(scenario.warnings.count == 1)
        #expect(scenario.warnings.first?.severity == .warning)
        #expect(scenario.warnings.first?.message.contains("from cache") == true)
    }

    @Test func inlinePromptKeepsYAMLPositionsForNodes() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              wf:
                prompt:
                  "1": {class_type: SaveImage, inputs: {images: ["9", 0]}}
            load: {requests: 3}
            """)
        #expect(folder.positions(diagnostics) == ["5:45"])
    }

    @Test func workflowShortFormAndBadName() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              a/b: workflows/sd15.json
            load: {requests: 3}
            """)
        #expect(folder.positions(diagnostics) == ["3:3"])
        let scenario = try folder.load(scenario("workflows/sd15.json"))
        #expect(scenario.workflows.first?.sourcePath == folder.path + "/workflows/sd15.json")
    }

    @Test func perWorkflowThresholdNamesAnUnknownWorkflow() throws {
        let diagnostics = try folder.diagnostics(
            """
            version: 1
            workflows:
              txt2img: workflows/sd15.json
            load: {requests: 3}
            thresholds:
              txt2im/latency.p95: < 1m
              vram_used.p95: < 1GiB
            """)
        #expect(folder.positions(diagnostics) == ["6:3", "7:3"])
        #expect(diagnostics[0].hint == "did you mean 'txt2img'?")
    }
}
