import Foundation

/// Writes `index.html`: the embedded template with the run's JSON injected at one marker. The page
/// is self-contained (inline CSS/JS/SVG, no network) and builds every element with `textContent`,
/// so no server-provided string is ever interpreted as HTML.
public enum HTMLReportWriter {
    static let marker = "/*COMFY_HARNESS_DATA*/"

    /// The complete page for a report.
    public static func render(_ report: RunReport) throws -> String {
        try TemplatePage.render(template: PackageResources.report_html, marker: marker, data: report, name: "index.html")
    }

    public static func write(_ report: RunReport, to path: String) throws {
        try TemplatePage.write({ try render(report) }, to: path)
    }

    /// The report's JSON, safe to place inside a `<script>` element.
    static func scriptSafeJSON(_ value: some Encodable) throws -> String {
        try TemplatePage.scriptSafeJSON(value)
    }
}
