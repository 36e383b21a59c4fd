import Foundation

/// A self-contained HTML page made from an embedded template with the data as JSON at one marker:
/// the one way `index.html`, `compare.html` and `sweep.html` are written.
enum TemplatePage {
    /// Where a template takes the report page's stylesheet (one copy of the CSS for every page).
    static let styleMarker = "/*COMFY_HARNESS_STYLE: the first <style> block of report.html, so both pages look alike*/"

    /// The template with `data` injected at `marker` (and the shared stylesheet at `styleMarker`,
    /// when present); `name` names the page in errors.
    static func render(template: [UInt8], marker: String, data: some Encodable, name: String) throws -> String {
        var text = String(decoding: template, as: UTF8.self)
        if let styleRange = text.range(of: styleMarker) {
            text.replaceSubrange(styleRange, with: sharedStyle)
        }
        guard let range = text.range(of: marker) else {
            throw HarnessError.io(path: name, reason: "the template has no data marker", hint: "rebuild comfy-harness")
        }
        return text.replacingCharacters(in: range, with: try scriptSafeJSON(data))
    }

    /// Writes a rendered page atomically.
    static func write(_ page: () throws -> String, to path: String) throws {
        do {
            try Data(try page().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let error as HarnessError {
            throw error
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write the page: \(error)", hint: "check that the folder is writable")
        }
    }

    /// JSON that is safe inside a `<script>` element: `<`, `>` and `&` become `\u00XX` escapes, so
    /// `</script>` or `<!--` in a server string can never end the element early.
    static func scriptSafeJSON(_ value: some Encodable) throws -> String {
        let json = String(decoding: try ReportJSON.encode(value, pretty: false), as: UTF8.self)
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

    /// The contents of report.html's first `<style>` element.
    static var sharedStyle: String {
        let report = String(decoding: PackageResources.report_html, as: UTF8.self)
        guard let open = report.range(of: "<style>"), let close = report.range(of: "</style>", range: open.upperBound..<report.endIndex)
        else { return "" }
        return String(report[open.upperBound..<close.lowerBound])
    }
}
