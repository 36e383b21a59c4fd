import Foundation

/// Parses numbers with units (`30s`, `1m30s`, `20GiB`, `1%`, `12/min`) into base units.
enum Quantity {
    /// What a number measures; decides which units are allowed and the base unit.
    enum Kind: String {
        case duration = "a duration"
        case bytes = "a size"
        case ratio = "a ratio"
        case perMinute = "a rate"
        case count = "a count"

        var examples: String {
            switch self {
            case .duration: return "30s, 250ms, 1m30s, 2h"
            case .bytes: return "512MiB, 20GiB, 8GB"
            case .ratio: return "1% or 0.01"
            case .perMinute: return "12/min, 0.5/s"
            case .count: return "0, 10"
            }
        }
    }

    static let durationUnits: [String: Double] = [
        "ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600,
    ]
    static let byteUnits: [String: Double] = [
        "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
        "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
    ]
    static let perUnits: [String: Double] = ["s": 60, "sec": 60, "m": 1, "min": 1, "h": 1.0 / 60]

    /// The value in base units (seconds, bytes, ratio, per minute, count), or a message saying what is wrong.
    static func parse(_ text: String, as kind: Kind) -> Result<Double, QuantityError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(QuantityError("empty value", kind: kind)) }
        switch kind {
        case .duration: return parseDuration(trimmed)
        case .bytes: return parseScaled(trimmed, kind: kind) { byteUnits[$0.lowercased()] }
        case .ratio:
            return parseScaled(trimmed, kind: kind) { $0 == "%" ? 0.01 : nil }.flatMap { value in
                value > 1 && !trimmed.hasSuffix("%")
                    ? .failure(
                        QuantityError(
                            "'\(trimmed)' is more than 1 (100%)", kind: kind, hint: "did you mean '\(trimmed)%'?"))
                    : .success(value)
            }
        case .perMinute:
            return parseScaled(trimmed, kind: kind) { unit in
                unit.hasPrefix("/") ? perUnits[String(unit.dropFirst()).trimmingCharacters(in: .whitespaces)] : nil
            }
        case .count: return parseScaled(trimmed, kind: kind) { _ in nil }
        }
    }

    /// A number followed by an optional unit from `unitScale`; a bare number is already in base units.
    private static func parseScaled(
        _ text: String, kind: Kind, unitScale: (String) -> Double?
    ) -> Result<Double, QuantityError> {
        let (number, unit) = splitNumber(text)
        guard let value = number else {
            return .failure(QuantityError("'\(text)' is not a number", kind: kind))
        }
        if unit.isEmpty { return .success(value) }
        guard let scale = unitScale(unit) else {
            return .failure(QuantityError("unknown unit '\(unit)' in '\(text)'", kind: kind))
        }
        return .success(value * scale)
    }

    /// Go-style durations: one or more `<number><unit>` parts (`1h30m`, `1m30s`, `250ms`); a bare number is seconds.
    private static func parseDuration(_ text: String) -> Result<Double, QuantityError> {
        var rest = Substring(text)
        var total = 0.0
        repeat {
            let (number, unit, remainder) = splitFirstPart(rest)
            guard let value = number else {
                return .failure(QuantityError("'\(text)' is not a duration", kind: .duration))
            }
            if unit.isEmpty {
                guard remainder.isEmpty, rest.startIndex == text.startIndex else {
                    return .failure(QuantityError("'\(text)' mixes a bare number with units", kind: .duration))
                }
                return .success(value)
            }
            guard let scale = durationUnits[unit] else {
                return .failure(QuantityError("unknown unit '\(unit)' in '\(text)'", kind: .duration))
            }
            total += value * scale
            rest = remainder
        } while !rest.isEmpty
        return .success(total)
    }

    /// Splits `12.5 GiB` into (12.5, "GiB"); the unit is everything after the number, spaces trimmed.
    private static func splitNumber(_ text: String) -> (Double?, String) {
        let end =
            text.firstIndex { !("0"..."9").contains($0) && $0 != "." && $0 != "-" && $0 != "+" && $0 != "_" }
            ?? text.endIndex
        let digits = text[..<end].replacingOccurrences(of: "_", with: "")
        let unit = text[end...].trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, let value = Double(digits), value.isFinite else { return (nil, unit) }
        return (value, unit)
    }

    /// Splits `1m30s` into (1, "m", "30s").
    private static func splitFirstPart(_ text: Substring) -> (Double?, String, Substring) {
        let numberEnd = text.firstIndex { !("0"..."9").contains($0) && $0 != "." } ?? text.endIndex
        let afterSpaces = text[numberEnd...].drop { $0 == " " }
        let unitEnd =
            afterSpaces.firstIndex { ("0"..."9").contains($0) || $0 == "." || $0 == " " } ?? afterSpaces.endIndex
        let unit = String(afterSpaces[..<unitEnd])
        let remainder = afterSpaces[unitEnd...].drop { $0 == " " }
        guard numberEnd > text.startIndex, let value = Double(text[..<numberEnd]) else { return (nil, unit, remainder) }
        return (value, unit, remainder)
    }
}

/// Why a quantity did not parse, with the kind expected so the hint can show examples.
struct QuantityError: Error, Equatable {
    let message: String
    let hint: String

    init(_ message: String, kind: Quantity.Kind, hint: String? = nil) {
        self.message = message
        self.hint = hint ?? "expected \(kind.rawValue), e.g. \(kind.examples)"
    }
}
