import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// junit.xml parsed with Foundation's XML parser: test cases and which of them failed.
struct JUnitStructure {
    var cases: [String] = []
    var failed: [String] = []
    var failureTexts: [String] = []

    static func parse(_ xml: String) -> JUnitStructure? {
        let delegate = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        return parser.parse() ? delegate.result : nil
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var result = JUnitStructure()
        private var current: String?
        private var inFailure = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "testcase" {
                current = attributes["name"]
                result.cases.append(current ?? "")
            } else if name == "failure" {
                result.failed.append(current ?? "")
                result.failureTexts.append("")
                inFailure = true
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inFailure { result.failureTexts[result.failureTexts.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "failure" { inFailure = false }
        }
    }
}
