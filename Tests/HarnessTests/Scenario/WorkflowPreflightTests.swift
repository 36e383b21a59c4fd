import ComfyClient
import Foundation
import Testing

@testable import Harness

/// Preflight against the recorded ComfyUI 0.8.0 `/object_info`, on the SD1.5 fixture workflow with one defect each.
@Suite("Workflow preflight")
struct WorkflowPreflightTests {
    func check(_ edit: (inout [String: JSONValue]) -> Void) throws -> [Diagnostic] {
        var nodes = try #require(try ScenarioFixtures.sd15Workflow().objectValue)
        edit(&nodes)
        let workflow = WorkflowSpec(
            name: "sd15", prompt: .object(nodes), sourcePath: "wf.json",
            locations: WorkflowLocations(
                entry: SourceLocation(file: "s.yaml", line: 4, column: 3),
                nodes: ["3": SourceLocation(file: "wf.json", line: 6, column: 2)]))
        let scenario = Scenario(
            name: "t", sourcePath: "s.yaml", servers: [], workflows: [workflow], load: LoadSpec(requests: 1))
        return WorkflowPreflight.check(scenario, objectInfo: try ScenarioFixtures.objectInfo())
    }

    func setInput(_ nodes: inout [String: JSONValue], _ id: String, _ name: String, _ value: JSONValue?) {
        guard case .object(var node)? = nodes[id], case .object(var inputs)? = node["inputs"] else { return }
        inputs[name] = value
        node["inputs"] = .object(inputs)
        nodes[id] = .object(node)
    }

    @Test func fixtureWorkflowIsClean() throws {
        #expect(try check { _ in }.isEmpty)
    }

    @Test func unknownClass() throws {
        let diagnostics = try check { $0["3"] = ScenarioFixtures.parse(#"{"class_type": "KSamplr", "inputs": {}}"#) }
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message == "node 3: class 'KSamplr' does not exist on the server")
        #expect(diagnostics[0].hint == "did you mean 'KSampler'?")
        #expect(diagnostics[0].location == SourceLocation(file: "wf.json", line: 6, column: 2))
    }

    @Test func valueNotInList() throws {
        let diagnostics = try check { setInput(&$0, "3", "sampler_name", .string("eular")) }
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("input 'sampler_name': 'eular' is not among the server's 44 option(s)"))
        #expect(diagnostics[0].hint == "did you mean 'euler'?")
    }

    @Test func outOfRange() throws {
        let diagnostics = try check {
            setInput(&$0, "3", "steps", .int(0))
            setInput(&$0, "3", "denoise", .double(1.5))
            setInput(&$0, "5", "width", .int(20000))
        }
        #expect(
            diagnostics.map(\.message) == [
                "node 3 (KSampler) input 'denoise': 1.5 is above the maximum 1",
                "node 3 (KSampler) input 'steps': 0 is below the minimum 1",
                "node 5 (EmptyLatentImage) input 'width': 20000 is above the maximum 16384 in wf.json",
            ])
        // Nodes without a known position fall back to the scenario entry and name the file in the message.
        #expect(diagnostics[2].location == SourceLocation(file: "s.yaml", line: 4, column: 3))
    }

    @Test func wrongTypesOfConstants() throws {
        let diagnostics = try check {
            setInput(&$0, "3", "steps", .string("many"))
            setInput(&$0, "3", "seed", .double(1.5))
        }
        #expect(
            diagnostics.map(\.message) == [
                "node 3 (KSampler) input 'seed' expects an integer, found 1.5",
                "node 3 (KSampler) input 'steps' expects INT, found 'many'",
            ])
    }

    @Test func missingRequiredInput() throws {
        let diagnostics = try check { setInput(&$0, "3", "cfg", nil) }
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message == "node 3 (KSampler): required input 'cfg' is missing")
    }

    @Test func badLinks() throws {
        let diagnostics = try check {
            setInput(&$0, "3", "model", ScenarioFixtures.parse(#"["4", 7]"#))  // DiffusersLoader has 3 outputs
            setInput(&$0, "3", "positive", ScenarioFixtures.parse(#"["5", 0]"#))  // LATENT into CONDITIONING
            setInput(&$0, "8", "vae", ScenarioFixtures.parse(#"["42", 0]"#))  // no node 42
        }
        #expect(
            diagnostics.map(\.message) == [
                "node 3 (KSampler) input 'model' links to output 7 of node 4 (DiffusersLoader), which has 3 output(s)",
                "node 3 (KSampler) input 'positive' expects CONDITIONING but node 5 output 0 is LATENT",
                "node 8 (VAEDecode) input 'vae' links to a node that does not exist in wf.json",
            ])
        #expect(diagnostics[0].hint == "outputs: 0 MODEL, 1 CLIP, 2 VAE")
    }

    @Test func noOutputNode() throws {
        let diagnostics = try check { $0["9"] = nil }
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].message.contains("has no output node"))
    }

    @Test func typeMatchingRules() {
        #expect(NodeChecker.typesMatch(received: "IMAGE", expected: "IMAGE"))
        #expect(NodeChecker.typesMatch(received: "*", expected: "MODEL"))
        #expect(NodeChecker.typesMatch(received: "IMAGE,MASK", expected: "MASK"))
        #expect(!NodeChecker.typesMatch(received: "LATENT", expected: "IMAGE"))
    }

    @Test func v3ComboOptions() throws {
        let info = try #require(
            ScenarioFixtures.parse(
                #"""
                {"Pick": {"input": {"required": {"mode": ["COMBO", {"options": ["a", "b"]}]}}, "output": [], "output_node": true}}
                """#
            ).objectValue)
        let good = WorkflowSpec(
            name: "w", prompt: ScenarioFixtures.parse(#"{"1": {"class_type": "Pick", "inputs": {"mode": "b"}}}"#))
        let bad = WorkflowSpec(
            name: "w", prompt: ScenarioFixtures.parse(#"{"1": {"class_type": "Pick", "inputs": {"mode": "c"}}}"#))
        let scenario = { (w: WorkflowSpec) in
            Scenario(name: "t", sourcePath: "s", servers: [], workflows: [w], load: LoadSpec())
        }
        #expect(WorkflowPreflight.check(scenario(good), objectInfo: info).isEmpty)
        #expect(WorkflowPreflight.check(scenario(bad), objectInfo: info).first?.hint == "options: 'a', 'b'")
    }
}

@Suite("Preflight positions")
struct PreflightPositionTests {
    /// Loaded from a file, a bad combo value is reported at its input key's line in the workflow JSON.
    @Test func reportsTheInputLineInTheWorkflowFile() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let scenario = try folder.load(
            """
            version: 1
            workflows:
              sd15: {file: workflows/sd15.json, set: {"3.sampler_name": eulr}}
            load: {requests: 1}
            """)
        let diagnostics = WorkflowPreflight.check(scenario, objectInfo: try ScenarioFixtures.objectInfo())
        try #require(diagnostics.count == 1)
        let file = folder.path + "/workflows/sd15.json"
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains("\"sampler_name\"") }) + 1
        #expect(diagnostics[0].location.file == file)
        #expect(diagnostics[0].location.line == line)
        #expect(diagnostics[0].location.column == lines[line - 1].prefix { $0 == " " }.count + 1)
        #expect(diagnostics[0].hint == "did you mean 'euler'?")
    }
}
