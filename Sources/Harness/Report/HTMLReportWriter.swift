import Foundation

/// Writes `index.html`: the embedded template with the run's JSON injected at one marker. The page
/// is self-contained (inline CSS/JS/SVG, no network) and builds every element with `textContent`,
/// so no server-provided string is ever interpreted as HTML.
public enum HTMLReportWriter {
    static let marker = "/*COMFY_HARNESS_DATA*/"

    /// The complete page for a report.
    public static func render(_ report: RunReport) throws -> String {
        let template = String(decoding: PackageResources.report_html, as: UTF8.self)
        guard let range = template.range(of: marker) else {
            throw HarnessError.io(path: "report.html", reason: "the template has no data marker", hint: "rebuild comfy-harness")
        }
        return template.replacingCharacters(in: range, with: try scriptSafeJSON(report))
    }

    public static func write(_ report: RunReport, to path: String) throws {
        do {
            try Data(try render(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write the HTML report: \(error)", hint: "check that the folder is writable")
        }
    }

    /// JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u00XX` escapes, so
    /// `</script>` or `<!--` in a server string can never end the element early.
    static func scriptSafeJSON(_ report: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
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
