import ComfyClient
import Foundation
import Yams

/// Loads a scenario file (YAML, or JSON) and validates all of it before anything is sent.
public enum ScenarioLoader {
    public static let supportedVersions = [1]
    public static let defaultServer = "http://127.0.0.1:8188"

    /// The validated scenario; throws `ScenarioError` listing every problem, each with file:line:column.
    ///
    /// `serverOverride` (the `--server` flag) replaces the file's `server`/`servers`; commas separate a fleet.
    public static func load(path: String, serverOverride: String? = nil) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ScenarioError(diagnostics: [
                .error(
                    exists ? "cannot read scenario file '\(path)'" : "scenario file not found: '\(path)'",
                    at: .start(of: path))
            ])
        }
        return try load(text: String(decoding: data, as: UTF8.self), path: path, serverOverride: serverOverride)
    }

    /// Loads scenario text as if read from `path` (workflow files resolve relative to it).
    public static func load(text: String, path: String, serverOverride: String? = nil) throws -> Scenario {
        let sink = DiagnosticSink()
        guard let root = compose(text, path: path, sink: sink) else {
            throw ScenarioError(diagnostics: sink.diagnostics)
        }
        let parser = ScenarioParser(path: path, reader: YAMLReader(file: path, sink: sink))
        let scenario = parser.scenario(from: root, serverOverride: serverOverride)
        guard let scenario, !sink.hasErrors else { throw ScenarioError(diagnostics: sink.diagnostics) }
        return scenario
    }

    /// The document's root node, or nil after reporting a syntax error at its position.
    private static func compose(_ text: String, path: String, sink: DiagnosticSink) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                sink.error("scenario file is empty", at: .start(of: path), hint: "start with 'version: 1'")
                return nil
            }
            return root
        } catch {
            // libyaml is YAML 1.1 and refuses a few valid JSON documents; JSONDecoder has the last word on JSON.
            if let json = try? JSONValue.parse(Data(text.utf8)) { return Node(json: json) }
            let yamlError = error as? YamlError
            let location = yamlError?.mark.map { SourceLocation(file: path, line: $0.line, column: $0.column) }
            sink.error(
                "YAML syntax error: \(yamlError?.problem ?? "\(error)")", at: location ?? .start(of: path),
                hint: syntaxHint(text, line: location?.line))
            return nil
        }
    }

    /// `key: > 2` starts a YAML block scalar, the usual way a threshold breaks the file: say to quote it.
    private static func syntaxHint(_ text: String, line: Int?) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let candidates = [line.map { $0 - 1 }, line.map { $0 - 2 }].compactMap { $0 }.filter(lines.indices.contains)
        for index in candidates {
            if let colon = lines[index].range(of: ": "),
                let first = lines[index][colon.upperBound...].first(where: { $0 != " " }), first == ">" || first == "|"
            {
                return "a value starting with '\(first)' begins a YAML block scalar: quote it, e.g. \"> 2\""
            }
        }
        return "check the indentation and quoting around this line"
    }
}
