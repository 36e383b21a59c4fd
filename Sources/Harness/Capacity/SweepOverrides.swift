import Foundation

/// The `sweep` command's options laid over the scenario's `sweep:` section (or the defaults when it
/// has none); every bad value is a usage error naming the option.
public struct SweepOverrides: Sendable {
    public var slo: [String]
    public var levels: String?
    public var max: Double?
    public var settle: String?
    public var measure: String?
    public var refine: Int?

    public init(slo: [String], levels: String?, max: Double?, settle: String?, measure: String?, refine: Int?) {
        self.slo = slo
        self.levels = levels
        self.max = max
        self.settle = settle
        self.measure = measure
        self.refine = refine
    }

    /// The defaults of a scenario without a `sweep:` section: clients 1, 2, 4 … 64, or 1/min … 10/s.
    public static func defaults(for mode: LoadMode) -> SweepSpec {
        mode == .closed ? SweepSpec() : SweepSpec(start: 1.0 / 60, maxLevel: 10)
    }

    public func apply(to scenario: Scenario) throws -> SweepSpec {
        let mode = scenario.load.mode
        var spec = scenario.sweep ?? Self.defaults(for: mode)
        if !slo.isEmpty { spec.slos = try slo.map(SLOArgument.parse) }
        if let levels {
            let parsed = try levels.split(separator: ",").map { try level(String($0), mode: mode) }
            guard !parsed.isEmpty, zip(parsed, parsed.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw HarnessError.usage(message: "--levels '\(levels)': the levels must increase", hint: "e.g. --levels 1,2,4,8")
            }
            spec.levels = parsed
        }
        if let max {
            guard max.isFinite, max > 0 else { throw HarnessError.usage(message: "--max must be greater than 0", hint: nil) }
            spec.maxLevel = mode == .closed ? max : max / 60
        }
        if let settle { spec.settle = try duration(settle, option: "--settle") }
        if let measure { spec.measure = try duration(measure, option: "--measure") }
        if let refine {
            guard (0...20).contains(refine) else { throw HarnessError.usage(message: "--refine must be between 0 and 20", hint: nil) }
            spec.refine = refine
        }
        return spec
    }

    private func level(_ text: String, mode: LoadMode) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if mode == .closed {
            guard let value = Int(trimmed), value >= 1 else {
                throw HarnessError.usage(message: "--levels: '\(trimmed)' is not a client count", hint: "closed sweeps step whole clients: 1,2,4")
            }
            return Double(value)
        }
        switch Quantity.parse(trimmed, as: .perMinute) {
        case .success(let perMinute) where perMinute > 0 && trimmed.contains("/"): return perMinute / 60
        case .success: throw HarnessError.usage(message: "--levels: '\(trimmed)' needs a rate unit", hint: "e.g. 6/min,12/min")
        case .failure(let problem): throw HarnessError.usage(message: "--levels: \(problem.message)", hint: problem.hint)
        }
    }

    private func duration(_ text: String, option: String) throws -> Duration {
        switch Quantity.parse(text, as: .duration) {
        case .success(let seconds) where seconds > 0 && seconds < 1e6:
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        case .success: throw HarnessError.usage(message: "\(option) must be a positive duration", hint: "e.g. 5s")
        case .failure(let problem): throw HarnessError.usage(message: "\(option): \(problem.message)", hint: problem.hint)
        }
    }
}
