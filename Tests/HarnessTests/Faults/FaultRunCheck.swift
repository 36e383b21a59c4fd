import ComfySimulator
import Foundation
import Testing

@testable import Harness

/// The checks every fault test makes after its run, whatever the fault: every line of
/// `samples.jsonl` parses as a JSON object, each submitted prompt has exactly one line, `run.json`
/// was written and reads back, and the outcome classes add up to what was issued.
struct FaultRunCheck {
    let records: [PromptRecord]
    let report: RunReport

    /// Reads the run folder. `issued` is the number of prompts the run scheduled (nil when a stop cut it
    /// short); `accepted` are the prompts the simulator(s) queued from this run (each must have its line).
    @discardableResult
    static func verify(
        folder: String, issued: Int?, accepted: [SimulatedPromptRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> FaultRunCheck {
        let path = folder + "/samples.jsonl"
        let data = try #require(FileManager.default.contents(atPath: path), "no samples.jsonl", sourceLocation: sourceLocation)
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(lines.last?.isEmpty == true, "samples.jsonl must end with a newline (no torn last line)", sourceLocation: sourceLocation)
        var ids: [String] = []
        for line in lines where !line.isEmpty {
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object != nil, "not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))", sourceLocation: sourceLocation)
            if let id = object?["promptID"] as? String ?? object?["prompt_id"] as? String { ids.append(id) }
        }
        let (records, skipped) = try SamplesWriter.read(path: path)
        #expect(skipped == 0, sourceLocation: sourceLocation)
        if let issued { #expect(records.count == issued, "one line per issued prompt", sourceLocation: sourceLocation) }
        #expect(Set(records.map(\.promptID)).count == records.count, "a prompt id appears twice", sourceLocation: sourceLocation)
        let written = Set(records.map(\.promptID))
        for record in accepted {
            #expect(written.contains(record.promptID), "accepted prompt \(record.promptID) has no line", sourceLocation: sourceLocation)
        }
        let report = try RunReport.read(from: folder + "/run.json")
        #expect(report.samples.lines == records.count, sourceLocation: sourceLocation)
        let counted = report.overall.outcomes.values.reduce(0, +)
        #expect(counted == records.count, "outcome classes add up to the lines: \(report.overall.outcomes)", sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: folder + "/index.html"), sourceLocation: sourceLocation)
        return FaultRunCheck(records: records, report: report)
    }

    /// How many records ended in each outcome.
    var outcomes: [PromptOutcome: Int] {
        records.reduce(into: [:]) { $0[$1.outcome, default: 0] += 1 }
    }

    func count(_ outcome: PromptOutcome) -> Int { outcomes[outcome] ?? 0 }
}
