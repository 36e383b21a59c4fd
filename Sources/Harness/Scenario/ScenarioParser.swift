import ComfyClient
import Foundation
import Yams

/// Reads the sections of a composed scenario document into a `Scenario`, reporting into the reader's sink.
struct ScenarioParser {
    let path: String
    let reader: YAMLReader

    static let topLevelKeys = [
        "version", "name", "server", "servers", "workflows", "load", "monitor", "regression", "thresholds", "output",
        "fleet", "sweep", "http",
    ]

    /// The scenario, or nil when a required section is unusable (problems are in the sink either way).
    func scenario(from root: Node, serverOverride: String?) -> Scenario? {
        guard let top = reader.mapping(root, "the scenario", allowed: Self.topLevelKeys) else { return nil }
        let version = readVersion(top)
        let name = top["name"].flatMap { reader.string($0, "name") } ?? defaultName
        let servers = readServers(top, override: serverOverride)
        let workflows =
            require(top, "workflows", hint: "add a 'workflows:' mapping of name → {file: …}").map(readWorkflows) ?? []
        let load = require(top, "load", hint: "add e.g. 'load: {mode: closed, concurrency: 1, requests: 10}'").flatMap(
            readLoad)
        let monitor = top["monitor"].flatMap(readMonitor) ?? MonitorSpec()
        let regression = top["regression"].flatMap(readRegression)
        let thresholds = top["thresholds"].map { readThresholds($0, workflows: workflows) } ?? []
        let output = top["output"].flatMap { reader.string($0, "output") }
        if load?.requests == 0, regression == nil, top["regression"] == nil, let loadNode = top["load"] {
            reader.error(
                "'requests: 0' runs no load: it is only for regression-only scenarios", at: loadNode,
                hint: "add a 'regression:' section, or ask for at least 1 request")
        }
        // Read even when `load:` is broken, so every problem in the file is reported at once.
        let fleet = top["fleet"].flatMap(readFleet) ?? .roundRobin
        let http = top["http"].flatMap(readHTTP) ?? HTTPSpec()
        let sweep = top["sweep"].flatMap { readSweep($0, mode: load?.mode ?? declaredMode(top), workflows: workflows) }
        guard let version, let load else { return nil }
        var scenario = Scenario(
            version: version, name: name, sourcePath: path, servers: servers, workflows: workflows, load: load,
            monitor: monitor, regression: regression, thresholds: thresholds, output: output,
            warnings: reader.sink.warnings)
        scenario.fleet = fleet
        scenario.sweep = sweep
        scenario.http = http
        scenario.warnings = reader.sink.warnings
        return scenario
    }

    /// The value of a required key, or nil after reporting it missing at the mapping.
    func require(_ mapping: YAMLMapping, _ key: String, in what: String = "the scenario", hint: String? = nil) -> Node?
    {
        if let node = mapping[key] { return node }
        reader.error("missing required key '\(key)' in \(what)", at: mapping.node, hint: hint)
        return nil
    }

    /// The scenario file name without extension, used when `name:` is absent.
    private var defaultName: String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    private func readVersion(_ top: YAMLMapping) -> Int? {
        guard let node = require(top, "version", hint: "add 'version: 1' as the first line"),
            let version = reader.int(node, "version")
        else { return nil }
        guard ScenarioLoader.supportedVersions.contains(version) else {
            reader.error(
                "unsupported scenario version \(version)", at: node,
                hint:
                    "this harness reads version \(ScenarioLoader.supportedVersions.map(String.init).joined(separator: ", "))"
            )
            return nil
        }
        return version
    }

    /// `server: url` or `servers: [url, …]`, replaced by `--server`; defaults to a local ComfyUI.
    private func readServers(_ top: YAMLMapping, override: String?) -> [String] {
        if let override {
            let urls = override.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for url in urls where ServerURL.problem(url) != nil {
                reader.sink.error("--server: \(ServerURL.problem(url)!)", at: .start(of: path))
            }
            return urls.map(ServerURL.normalized)
        }
        if top["server"] != nil, let keyNode = top.keyNode("servers") {
            reader.error(
                "'server' and 'servers' are mutually exclusive", at: keyNode, hint: "list every server under 'servers:'"
            )
            return []
        }
        var nodes: [Node] = []
        if let single = top["server"] {
            nodes = [single]
        } else if let list = top["servers"] {
            nodes = reader.sequence(list, "servers") ?? []
            if case .sequence(let items) = list, items.isEmpty { reader.error("'servers' is empty", at: list) }
        } else {
            return [ScenarioLoader.defaultServer]
        }
        return nodes.compactMap { node in
            guard let url = reader.string(node, "server") else { return nil }
            if let problem = ServerURL.problem(url) {
                reader.error(problem, at: node, hint: "e.g. http://127.0.0.1:8188")
                return nil
            }
            return ServerURL.normalized(url)
        }
    }

    /// A path from the scenario, resolved against the scenario file's folder.
    func resolve(_ relative: String) -> String {
        ScenarioPath.resolve(relative, against: path)
    }
}
