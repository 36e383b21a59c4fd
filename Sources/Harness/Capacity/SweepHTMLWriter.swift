import Foundation

/// Writes `sweep.html`: the embedded template with the sweep's JSON injected at one marker; inline
/// SVG charts, no network, every string placed with `textContent`.
public enum SweepHTMLWriter {
    static let marker = "/*COMFY_HARNESS_SWEEP*/"

    public static func render(_ result: SweepResult) throws -> String {
        try TemplatePage.render(template: PackageResources.sweep_html, marker: marker, data: result, name: "sweep.html")
    }

    public static func write(_ result: SweepResult, to path: String) throws {
        try TemplatePage.write({ try render(result) }, to: path)
    }
}
