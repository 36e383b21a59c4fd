import Foundation

/// Writes `compare.html`: the embedded compare template (same style as index.html) with the
/// comparison's JSON injected, script-safe, at the one data marker.
public enum CompareHTMLWriter {
    public static func render(_ comparison: RunComparison) throws -> String {
        let template = String(decoding: PackageResources.compare_html, as: UTF8.self)
        guard let range = template.range(of: HTMLReportWriter.marker) else {
            throw HarnessError.io(path: "compare.html", reason: "the template has no data marker", hint: "rebuild comfy-harness")
        }
        return template.replacingCharacters(in: range, with: try HTMLReportWriter.scriptSafeJSON(comparison))
    }

    public static func write(_ comparison: RunComparison, to path: String) throws {
        do {
            try Data(try render(comparison).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write compare.html: \(error)", hint: "check that the folder is writable")
        }
    }
}
