import ComfyClient
import Foundation
import Testing

@testable import Harness

@Suite("Example scenarios")
struct ExampleScenarioTests {
    @Test func demoLoads() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioFixtures.root + "/scenarios/demo.yaml")
        #expect(scenario.name == "demo")
        #expect(scenario.servers == ["http://127.0.0.1:8188"])
        #expect(scenario.load.mode == .closed)
        #expect(scenario.load.concurrency == 4)
        #expect(scenario.load.requests == 40)
        #expect(scenario.load.warmup == 2)
        #expect(scenario.load.timeout == .seconds(120))
        #expect(scenario.regression?.seeds == [42, 7])
        #expect(scenario.regression?.baselines == ScenarioFixtures.root + "/baselines/demo")
        #expect(scenario.warnings.isEmpty)
        let workflow = try #require(scenario.workflow(named: "txt2img"))
        #expect(workflow.seed == .random)
        #expect(workflow.seedInputs == [SeedInput(nodeID: "3", inputName: "seed")])
        // `set` by title ("Positive") and by id ("5")
        #expect(workflow.prompt["6"]?["inputs"]?["text"] == .string("a red fox in snow, golden hour"))
        #expect(workflow.prompt["5"]?["inputs"]?["width"] == .int(512))
        #expect(scenario.thresholds.map(\.key).contains("errors.rate"))
    }

    @Test func demoWorkflowPassesPreflightAgainstAServerWithTheCheckpoint() throws {
        let scenario = try ScenarioLoader.load(path: ScenarioFixtures.root + "/scenarios/demo.yaml")
        var info = try ScenarioFixtures.objectInfo()
        // The recording server had no checkpoints; give it the one the demo names.
        info["CheckpointLoaderSimple"] = .object([
            "input": .object([
                "required": .object([
                    "ckpt_name": .array([.array([.string("v1-5-pruned-emaonly.safetensors")]), .object([:])])
                ])
            ]), "output": .array([.string("MODEL"), .string("CLIP"), .string("VAE")]),
        ])
        #expect(WorkflowPreflight.check(scenario, objectInfo: info).map(\.description) == [])
        // As recorded (no checkpoint installed) the combo check says so.
        let recorded = WorkflowPreflight.check(scenario, objectInfo: try ScenarioFixtures.objectInfo())
        #expect(recorded.count == 1)
        #expect(recorded.first?.hint?.contains("installed") == true)
    }

    @Test func sdxlLoads() throws {
        let scenario = try ScenarioLoader.load(
            path: ScenarioFixtures.root + "/scenarios/sdxl-txt2img.yaml",
            serverOverride: "http://gpu-a:8188/, http://gpu-b:8188")
        #expect(scenario.servers == ["http://gpu-a:8188", "http://gpu-b:8188"])
        #expect(scenario.workflows.map(\.name) == ["txt2img", "txt2img-portrait"])
        #expect(scenario.workflows.map(\.weight) == [3, 1])
        #expect(
            scenario.load.stages == [
                LoadStage(duration: .seconds(120), concurrency: 2, ramp: true),
                LoadStage(duration: .seconds(600), concurrency: 4),
            ])
        #expect(scenario.load.stagesDuration == .seconds(720))
        #expect(scenario.load.maxInFlight == 4)
        let regression = try #require(scenario.regression)
        #expect(regression.seeds == [42, 1234])
        #expect(regression.baselines == ScenarioFixtures.root + "/baselines/sdxl-txt2img")
        #expect(regression.tolerance == .equivalent)
        let abort = try #require(scenario.thresholds.first { $0.key == "errors.rate" })
        #expect(abort.abortOnFail && abort.value == 0.01)
        let perWorkflow = try #require(scenario.thresholds.first { $0.workflow == "txt2img" })
        #expect(perWorkflow.metric == "exec" && perWorkflow.value == 12)
        #expect(scenario.thresholds.first { $0.metric == "vram_used" }?.value == Double(20 * 1_073_741_824))
        let portrait = try #require(scenario.workflow(named: "txt2img-portrait"))
        #expect(portrait.prompt["5"]?["inputs"]?["height"] == .int(1216))
        #expect(portrait.sourcePath == ScenarioFixtures.root + "/scenarios/workflows/sdxl_baseline_api.json")
    }

    @Test func jsonScenarioIsAccepted() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let scenario = try folder.load(
            """
            {"version": 1, "name": "json", "workflows": {"sd15": {"file": "workflows/sd15.json", "seed": [1, 2]}},
             "load": {"concurrency": 2, "requests": 5}, "thresholds": {"latency.p99": "<= 2m"}}
            """, file: "s.json")
        #expect(scenario.workflows.first?.seed == .list([1, 2]))
        #expect(scenario.load.concurrency == 2)
        #expect(scenario.thresholds.first?.value == 120)
        #expect(scenario.servers == [ScenarioLoader.defaultServer])
    }

    @Test func jsonScenarioErrorsHavePositions() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let diagnostics = try folder.diagnostics(
            """
            {"version": 1,
             "workflows": {"sd15": {"file": "workflows/sd15.json"}},
             "load": {"concurency": 2, "requests": 5}}
            """, file: "s.json")
        #expect(folder.positions(diagnostics) == ["3:11"])
        #expect(diagnostics.first?.hint == "did you mean 'concurrency'?")
    }

    /// libyaml rejects escaped surrogate pairs that JSON allows: such a scenario still loads, positions fall back to 1:1.
    @Test func jsonThatLibyamlRejectsFallsBack() throws {
        let folder = try ScenarioTempFolder()
        try folder.writeSD15Workflow()
        let scenario = try folder.load(
            #"{"version": 1, "name": "fox \ud83e\udd8a", "workflows": {"sd15": "workflows/sd15.json"}, "load": {"requests": 1}}"#,
            file: "s.json")
        #expect(scenario.name == "fox 🦊")
        let diagnostics = try folder.diagnostics(
            #"{"version": 1, "name": "\ud83e\udd8a", "workflows": {"sd15": "workflows/sd15.json"}, "load": {"requets": 1}}"#,
            file: "s.json")
        #expect(folder.positions(diagnostics) == ["1:1", "1:1"])
    }

    /// The same in a workflow file: the prompt is read by JSONDecoder, node positions fall back to the scenario entry.
    @Test func workflowThatLibyamlRejectsStillLoads() throws {
        let folder = try ScenarioTempFolder()
        try folder.write(
            "wf.json",
            #"{"1": {"class_type": "SaveImage", "inputs": {"filename_prefix": "\ud83e\udd8a", "images": ["7", 0]}}}"#)
        let diagnostics = try folder.diagnostics("version: 1\nworkflows:\n  wf: wf.json\nload: {requests: 1}\n")
        #expect(folder.positions(diagnostics) == ["3:7"])
        #expect(diagnostics.first?.message.contains("links to node 7") == true)
    }
}
