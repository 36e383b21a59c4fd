import ComfyClient
import Yams

extension ScenarioParser {
    static let regressionKeys = ["seeds", "baselines", "tolerance", "cache_none"]
    static let toleranceKeys = ["psnr_min", "ssim_min", "tile_ssim_min", "changed_tiles_max"]
    static let thresholdKeys = ["threshold", "abort_on_fail"]

    /// `monitor: {interval: 1s}`.
    func readMonitor(_ node: Node) -> MonitorSpec? {
        guard let fields = reader.mapping(node, "monitor", allowed: ["interval"]) else { return nil }
        return MonitorSpec(
            interval: fields["interval"].flatMap { reader.duration($0, "monitor interval") } ?? .seconds(1))
    }

    /// `regression: {seeds: [42], baselines: ../baselines/x, tolerance: equivalent, cache_none: false}`.
    func readRegression(_ node: Node) -> RegressionSpec? {
        guard let fields = reader.mapping(node, "regression", allowed: Self.regressionKeys) else { return nil }
        var seeds: [Int] = []
        if let seedsNode = require(fields, "seeds", in: "regression", hint: "e.g. 'seeds: [42, 1234]'") {
            let items =
                seedsNode.scalarString != nil ? [seedsNode] : (reader.sequence(seedsNode, "regression seeds") ?? [])
            seeds = items.compactMap { reader.int($0, "a regression seed", minimum: 0) }
            if items.isEmpty { reader.error("regression 'seeds' is empty", at: seedsNode) }
        }
        let baselines = require(
            fields, "baselines", in: "regression",
            hint: "a folder relative to the scenario, e.g. ../baselines/\(ScenarioParser.slug(path))"
        )
        .flatMap { reader.string($0, "baselines") }
        let tolerance = fields["tolerance"].flatMap(readTolerance) ?? .equivalent
        let cacheNone = fields["cache_none"].flatMap { reader.bool($0, "cache_none") } ?? false
        guard let baselines, !seeds.isEmpty else { return nil }
        return RegressionSpec(seeds: seeds, baselines: resolve(baselines), tolerance: tolerance, cacheNone: cacheNone)
    }

    /// `identical`, `equivalent`, or a mapping of limits (unset ones keep the `equivalent` defaults).
    func readTolerance(_ node: Node) -> ToleranceSpec? {
        if case .scalar = node {
            switch node.scalarString {
            case "identical": return .identical
            case "equivalent": return .equivalent
            default:
                reader.error(
                    "expected identical, equivalent or a mapping of limits for tolerance, found \(node.kindDescription)",
                    at: node,
                    hint: Suggestion.didYouMean(node.scalarString ?? "", among: ["identical", "equivalent"])
                        ?? "e.g. {psnr_min: 40, ssim_min: 0.99}")
                return nil
            }
        }
        guard let fields = reader.mapping(node, "tolerance", allowed: Self.toleranceKeys) else { return nil }
        var limits = ToleranceLimits.equivalent
        if let value = fields["psnr_min"].flatMap({ reader.double($0, "psnr_min", positive: true) }) {
            limits.psnrMin = value
        }
        if let value = fields["ssim_min"].flatMap({ readUnitInterval($0, "ssim_min") }) { limits.ssimMin = value }
        if let value = fields["tile_ssim_min"].flatMap({ readUnitInterval($0, "tile_ssim_min") }) {
            limits.tileSSIMMin = value
        }
        if let node = fields["changed_tiles_max"] {
            switch Quantity.parse(node.scalarString ?? "", as: .ratio) {
            case .success(let ratio): limits.changedTilesMax = ratio
            case .failure(let problem):
                reader.error("bad changed_tiles_max: \(problem.message)", at: node, hint: problem.hint)
            }
        }
        return .custom(limits)
    }

    private func readUnitInterval(_ node: Node, _ what: String) -> Double? {
        guard let value = reader.double(node, what) else { return nil }
        guard (0...1).contains(value) else {
            reader.error("\(what) must be between 0 and 1, found \(value)", at: node)
            return nil
        }
        return value
    }

    /// `thresholds:` maps `[workflow/]metric.statistic` to `"< 30s"` or `{threshold: "< 30s", abort_on_fail: true}`.
    func readThresholds(_ node: Node, workflows: [WorkflowSpec]) -> [ThresholdSpec] {
        guard let entries = reader.mapping(node, "thresholds", allowed: []) else { return [] }
        return entries.entries.compactMap { key, keyNode, value in
            var condition = value
            var abort = false
            if case .mapping = value {
                guard let fields = reader.mapping(value, "threshold '\(key)'", allowed: Self.thresholdKeys),
                    let inner = require(
                        fields, "threshold", in: "threshold '\(key)'",
                        hint: "e.g. {threshold: \"< 30s\", abort_on_fail: true}")
                else { return nil }
                condition = inner
                abort = fields["abort_on_fail"].flatMap { reader.bool($0, "abort_on_fail") } ?? false
            }
            guard case .scalar(let scalar) = condition else {
                reader.error(
                    "expected a condition such as \"< 30s\" for threshold '\(key)', found \(condition.kindDescription)",
                    at: condition)
                return nil
            }
            switch ThresholdParser.parseResult(key: key, value: scalar.string, location: reader.location(of: keyNode)) {
            case .failure(let diagnostic):
                reader.sink.add(diagnostic)
                return nil
            case .success(var spec):
                if let workflow = spec.workflow, !workflows.contains(where: { $0.name == workflow }) {
                    reader.error(
                        "threshold '\(key)' names workflow '\(workflow)', which is not in 'workflows'", at: keyNode,
                        hint: Suggestion.didYouMean(workflow, among: workflows.map(\.name)))
                    return nil
                }
                checkNodeClass(of: spec, workflows: workflows, at: keyNode)
                spec.abortOnFail = abort
                return spec
            }
        }
    }

    /// A `node_time.<class>` threshold on a class no workflow uses would never get a sample: warn about the typo.
    private func checkNodeClass(of spec: ThresholdSpec, workflows: [WorkflowSpec], at keyNode: Node) {
        guard spec.metric.hasPrefix("node_time.") else { return }
        let className = String(spec.metric.dropFirst("node_time.".count))
        let classes = Set(
            workflows.filter { spec.workflow == nil || $0.name == spec.workflow }.flatMap { workflow in
                (workflow.prompt.objectValue ?? [:]).values.compactMap { $0["class_type"]?.stringValue }
            })
        guard !classes.isEmpty, !classes.contains(className) else { return }
        reader.sink.warning(
            "no workflow has a node of class '\(className)', so '\(spec.key)' will have no samples",
            at: reader.location(of: keyNode), hint: Suggestion.didYouMean(className, among: classes.sorted()))
    }

    /// The scenario file name without folder or extension.
    static func slug(_ path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.split(separator: ".").first.map(String.init) ?? file
    }
}
