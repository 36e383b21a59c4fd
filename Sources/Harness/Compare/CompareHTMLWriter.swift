import Foundation

/// Writes `compare.html`: the embedded compare template (same style as index.html) with the
/// comparison's JSON injected, script-safe, at the one data marker.
public enum CompareHTMLWriter {
    public static func render(_ comparison: RunComparison) throws -> String {
        try TemplatePage.render(
            template: PackageResources.compare_html, marker: HTMLReportWriter.marker, data: comparison, name: "compare.html")
    }

    public static func write(_ comparison: RunComparison, to path: String) throws {
        try TemplatePage.write({ try render(comparison) }, to: path)
    }
}
