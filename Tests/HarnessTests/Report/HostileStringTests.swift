import Foundation
import Testing

@testable import Harness

/// A hostile server string (in a node error message, a node type and an output filename) only ever
/// appears as escaped text in index.html and junit.xml, and the browser builds no element from it.
@Suite("Hostile server strings")
struct HostileStringTests {
    @Test("index.html carries the payload only as \\u003c-escaped JSON")
    func htmlEscapes() throws {
        let html = try HTMLReportWriter.render(ReportFixture.report())
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("\\u003cimg src=x onerror=alert(1)\\u003e"))
        #expect(html.contains("\\u003cb\\u003ebold"))
        // The only </script> tags are the template's own.
        let template = String(decoding: PackageResources.report_html, as: UTF8.self)
        #expect(html.components(separatedBy: "</script>").count == template.components(separatedBy: "</script>").count)
    }

    @Test("a report regenerated from samples with the payload in an output filename keeps it out of the page")
    func regeneratedFromSamples() throws {
        let folder = try ReportFixture.folder(withRunJSON: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ReportRegenerator.regenerate(folder)
        let samples = try String(contentsOfFile: folder + "/samples.jsonl", encoding: .utf8)
        #expect(samples.contains("out<\\/script><img"), "the fixture must carry the payload in a filename")
        for file in ["index.html", "junit.xml"] {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(!text.contains("<img"), "\(file)")
            #expect(!text.contains("<b>"), "\(file)")
        }
    }

    @Test("junit.xml escapes the payload and stays well-formed")
    func junitEscapes() throws {
        let xml = JUnitWriter.render(ReportFixture.report())
        #expect(!xml.contains("<img"))
        #expect(!xml.contains("<b>"))
        #expect(xml.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(xml.contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(JUnitStructure.parse(xml) != nil, "junit.xml must parse as XML")
    }

    @Test("headless Chromium builds no element from the payload and shows it as text (skipped without chromium)")
    func chromiumDOM() async throws {
        guard let chromium = Chromium.path else { return }
        let folder = try ReportFixture.folder(withRunJSON: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try HTMLReportWriter.write(ReportFixture.report(), to: folder + "/index.html")
        let dom = try await Chromium.dumpDOM(chromium, file: folder + "/index.html")
        #expect(dom.contains("id=\"errors\""), "the page rendered")
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<b>bold"))
        // Serialized text nodes escape < as &lt;: the message is there, as text.
        #expect(dom.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }
}
