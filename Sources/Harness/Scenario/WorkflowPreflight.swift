import ComfyClient

/// Checks a scenario's workflows against a server's `/object_info` before any load is sent.
///
/// The same checks ComfyUI runs on `POST /prompt` (§2 of the protocol notes), but for every node and all at
/// once, with the workflow file and node id: unknown classes, missing required inputs, combo values not in the
/// list, numbers outside min/max, links to a missing node, a bad output index or a mismatched type.
public enum WorkflowPreflight {
    /// Every problem found; empty when the server accepts every workflow as far as `/object_info` can tell.
    public static func check(_ scenario: Scenario, objectInfo: [String: JSONValue]) -> [Diagnostic] {
        let schemas = NodeSchema.lookup(in: objectInfo)
        var diagnostics: [Diagnostic] = []
        for workflow in scenario.workflows {
            diagnostics += check(workflow, schemas: schemas, knownClasses: Array(objectInfo.keys))
        }
        return diagnostics
    }

    static func check(_ workflow: WorkflowSpec, schemas: @escaping (String) -> NodeSchema?, knownClasses: [String])
        -> [Diagnostic]
    {
        guard case .object(let nodes) = workflow.prompt else { return [] }
        var checker = NodeChecker(workflow: workflow, nodes: nodes, schemas: schemas)
        var hasOutput = false
        for id in nodes.keys.sorted(by: NodeID.less) {
            guard let className = nodes[id]?["class_type"]?.stringValue else { continue }
            guard let schema = schemas(className) else {
                let hint =
                    Suggestion.didYouMean(className, among: knownClasses)
                    ?? "is the custom node that provides it installed on this server?"
                checker.error("node \(id): class '\(className)' does not exist on the server", node: id, hint: hint)
                hasOutput = true  // unknown: do not also claim "no output node"
                continue
            }
            hasOutput = hasOutput || schema.isOutputNode
            checker.checkInputs(of: id, schema: schema)
        }
        if !hasOutput {
            checker.diagnostics.append(
                Diagnostic.error(
                    "workflow '\(workflow.name)' has no output node, so ComfyUI would run nothing",
                    at: workflow.locations.entry, hint: "add a SaveImage or PreviewImage node"))
        }
        return checker.diagnostics
    }
}
