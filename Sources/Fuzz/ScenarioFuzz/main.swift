import Foundation
import FuzzSupport
import Harness

// Fuzzes the scenario loader on YAML (or JSON) text: libyaml through Yams, then every section parser,
// threshold, seed and tolerance reader. The scenario claims to live in a directory that does not
// exist, so a workflow referenced by path is reported as not found: a ScenarioError, never a crash.
FuzzDriver.run { data in
    let text = String(decoding: data, as: UTF8.self)
    do {
        _ = try ScenarioLoader.load(text: text, path: "/nonexistent-comfy-fuzz/scenario.yaml")
    } catch let error as ScenarioError {
        precondition(!error.diagnostics.isEmpty, "a ScenarioError without a diagnostic")
        _ = error.description
    } catch {
        fatalError("the loader threw something other than ScenarioError: \(error)")
    }
}
