import Foundation

/// Writes `junit.xml` for CI systems: one test case per check (each threshold, and the error
/// check of each workflow), failures carrying the reason. Every server string is XML-escaped.
public enum JUnitWriter {
    public static func render(_ report: RunReport) -> String {
        var cases: [(suite: String, name: String, failure: String?)] = []
        for threshold in report.thresholds {
            cases.append((threshold.workflow ?? "all", "threshold \(threshold.threshold)", threshold.passed ? nil : threshold.reason ?? "failed"))
        }
        let groups = [("all", report.overall)] + report.workflows.sorted { $0.key < $1.key }
        for (name, group) in groups where group.errors > 0 || name == "all" {
            let detail = group.errorExamples.map { "\($0.outcome.rawValue) ×\($0.count): \($0.message)" }.joined(separator: "\n")
            cases.append((name, "no prompt errors", group.errors == 0 ? nil : "\(group.errors) of \(group.prompts) prompts failed\n\(detail)"))
        }
        cases += regressionCases(report)
        let failures = cases.filter { $0.failure != nil }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(escape(report.scenario))\" tests=\"\(cases.count)\" failures=\"\(failures)\" time=\"\(String(format: "%.3f", report.durationSeconds))\">\n"
        let suites = Dictionary(grouping: cases, by: \.suite).sorted { $0.key < $1.key }
        for (suite, members) in suites {
            let failed = members.filter { $0.failure != nil }.count
            xml += "  <testsuite name=\"\(escape(report.scenario)).\(escape(suite))\" tests=\"\(members.count)\" failures=\"\(failed)\">\n"
            for member in members {
                xml += "    <testcase classname=\"\(escape(report.scenario)).\(escape(suite))\" name=\"\(escape(member.name))\""
                if let failure = member.failure {
                    xml += ">\n      <failure message=\"\(escape(firstLine(failure)))\">\(escape(failure))</failure>\n    </testcase>\n"
                } else {
                    xml += "/>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    public static func write(_ report: RunReport, to path: String) throws {
        do {
            try Data(render(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write junit.xml: \(error)", hint: "check that the folder is writable")
        }
    }

    private static func firstLine(_ text: String) -> String {
        String(text.prefix { $0 != "\n" })
    }

    /// XML text and attribute escaping; control characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
