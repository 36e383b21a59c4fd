import Foundation
import FuzzSupport
import Harness

// Fuzzes the workflow file path of the scenario loader: the input is written as the API-format
// workflow JSON a fixed scenario points at, so the JSON parser, the key-position pass (libyaml on
// the same text) and the structural validator (shape, links, cycles) all see it, as `validate` would.
let directory = NSTemporaryDirectory() + "comfy-fuzz-workflow-\(getpid())"
try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
let workflowPath = directory + "/workflow.api.json"
let scenarioPath = directory + "/scenario.yaml"
let scenario = """
    version: 1
    name: fuzz
    workflows:
      w: {file: workflow.api.json}
    load: {mode: closed, concurrency: 1, requests: 1}
    """
atexit { try? FileManager.default.removeItem(atPath: directory) }

FuzzDriver.run { data in
    guard FileManager.default.createFile(atPath: workflowPath, contents: Data(data)) else {
        fatalError("cannot write \(workflowPath)")
    }
    do {
        _ = try ScenarioLoader.load(text: scenario, path: scenarioPath)
    } catch let error as ScenarioError {
        precondition(!error.diagnostics.isEmpty, "a ScenarioError without a diagnostic")
        _ = error.description
    } catch {
        fatalError("the loader threw something other than ScenarioError: \(error)")
    }
}
