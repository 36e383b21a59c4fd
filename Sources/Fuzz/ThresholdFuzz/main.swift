import Foundation
import FuzzSupport
import Harness

// Fuzzes one threshold entry, `key: value` as in a scenario's `thresholds:` (the input is split at
// its first ':'; without one it is all key). Metric and statistic names, per-workflow prefixes,
// operators, numbers and units (durations like 1h2m3s, bytes, percentages) all come from the input.
let location = SourceLocation(file: "fuzz.yaml", line: 1, column: 1)

FuzzDriver.run { data in
    let text = String(decoding: data, as: UTF8.self)
    let key: Substring
    let value: Substring
    if let colon = text.firstIndex(of: ":") {
        (key, value) = (text[..<colon], text[text.index(after: colon)...])
    } else {
        (key, value) = (Substring(text), "")
    }
    do {
        let spec = try ThresholdParser.parse(key: String(key), value: String(value), location: location)
        precondition(spec.value.isFinite, "threshold '\(text)' parsed to a non-finite value \(spec.value)")
    } catch let error as ScenarioError {
        precondition(error.diagnostics.count == 1, "a bad threshold gives one diagnostic")
        _ = error.description
    } catch {
        fatalError("the threshold parser threw something other than ScenarioError: \(error)")
    }
}
