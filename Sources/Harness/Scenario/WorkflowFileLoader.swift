import ComfyClient
import Foundation
import Yams

/// Reads an API-format workflow JSON file, with the position of every node and input key.
enum WorkflowFileLoader {
    /// The prompt and its positions, or nil after reporting why the file is unusable.
    static func load(path: String, entry: SourceLocation, sink: DiagnosticSink) -> (JSONValue, WorkflowLocations)? {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            sink.error(
                exists ? "cannot read workflow file '\(path)'" : "workflow file not found: '\(path)'",
                at: entry, hint: exists ? "check its permissions" : "paths are relative to the scenario file")
            return nil
        }
        let text = String(decoding: data, as: UTF8.self)
        let prompt: JSONValue
        do {
            prompt = try JSONValue.parse(data)
        } catch {
            sink.error(
                "workflow file '\(path)' is not valid JSON", at: syntaxErrorLocation(in: text, file: path),
                hint: "export it again from ComfyUI with \"Export (API)\"")
            return nil
        }
        return (prompt, locations(in: text, file: path, entry: entry))
    }

    /// Key positions from libyaml (JSON is YAML); any failure just means diagnostics fall back to the entry.
    static func locations(in text: String, file: String, entry: SourceLocation) -> WorkflowLocations {
        var result = WorkflowLocations(entry: entry)
        guard let root = try? Yams.compose(yaml: text), case .mapping(let nodes) = root else { return result }
        let reader = YAMLReader(file: file, sink: DiagnosticSink())
        for (idNode, nodeValue) in nodes {
            guard let id = idNode.scalarString else { continue }
            result.nodes[id] = reader.location(of: idNode)
            guard let inputs = nodeValue.mapping?["inputs"], case .mapping(let inputMap) = inputs else { continue }
            var positions: [String: SourceLocation] = [:]
            for (nameNode, _) in inputMap {
                if let name = nameNode.scalarString { positions[name] = reader.location(of: nameNode) }
            }
            result.inputs[id] = positions
        }
        return result
    }

    /// Where libyaml stops on broken JSON (close enough to the JSON error), else the file start.
    private static func syntaxErrorLocation(in text: String, file: String) -> SourceLocation {
        do {
            _ = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if let mark = error.mark { return SourceLocation(file: file, line: mark.line, column: mark.column) }
        } catch {}
        return .start(of: file)
    }
}

extension YamlError {
    /// The problem position libyaml reported, if any.
    var mark: Mark? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark
        case .duplicatedKeysInMapping(_, let context): return context.mark
        default: return nil
        }
    }

    /// libyaml's problem text without the snippet Yams appends to `description`.
    var problem: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            guard let context else { return problem }
            return "\(problem) (\(context.text) at \(context.mark))"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
        case .reader(let problem, _, _, _): return problem
        default: return description
        }
    }
}
