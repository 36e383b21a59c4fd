import Foundation

/// Writes `sweep.html`: the embedded template with the sweep's JSON injected at one marker; inline
/// SVG charts, no network, every string placed with `textContent`.
public enum SweepHTMLWriter {
    static let marker = "/*COMFY_HARNESS_SWEEP*/"

    public static func render(_ result: SweepResult) throws -> String {
        let template = String(decoding: PackageResources.sweep_html, as: UTF8.self)
        guard let range = template.range(of: marker) else {
            throw HarnessError.io(path: "sweep.html", reason: "the template has no data marker", hint: "rebuild comfy-harness")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = String(decoding: try encoder.encode(result), as: UTF8.self)
        return template.replacingCharacters(in: range, with: scriptSafe(json))
    }

    public static func write(_ result: SweepResult, to path: String) throws {
        do {
            try Data(try render(result).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write the sweep page: \(error)", hint: "check that the folder is writable")
        }
    }

    /// `<`, `>`, `&` and the JS line separators escaped, so no string can end the `<script>` element.
    static func scriptSafe(_ json: String) -> String {
        var safe = ""
        safe.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": safe += "\\u003c"
            case ">": safe += "\\u003e"
            case "&": safe += "\\u0026"
            case "\u{2028}": safe += "\\u2028"
            case "\u{2029}": safe += "\\u2029"
            default: safe.unicodeScalars.append(scalar)
            }
        }
        return safe
    }
}
