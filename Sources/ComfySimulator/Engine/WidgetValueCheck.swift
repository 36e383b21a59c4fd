import Foundation

/// Checks one constant (widget) input: type coercion, min/max, combo membership, custom validation.
enum WidgetValueCheck {
    enum Result {
        case ok(SimJSON)
        case failed(SimJSON)
    }

    static func check(spec: NodeInputSpec, value: SimJSON, classType: String, fileExists: (String) -> Bool) -> Result {
        let name = spec.name
        let info = spec.declaration
        var coerced = value
        if let type = spec.typeName {
            switch convert(value, to: type) {
            case .success(let v): coerced = v
            case .failure(let failure):
                return .failed(
                    InputValidation.error(
                        "invalid_input_type", "Failed to convert an input value to a \(type) value",
                        "\(name), \(pythonStr(value)), \(failure.message)",
                        [
                            "input_name": .string(name), "input_config": info, "received_value": value,
                            "exception_message": .string(failure.message),
                        ]))
            }
        }
        // LoadImage validates `image` itself (VALIDATE_INPUTS), which skips the combo whitelist.
        if classType == "LoadImage" && name == "image" {
            let file = coerced.stringValue ?? ""
            if !fileExists(file) {
                return .failed(
                    InputValidation.error(
                        "custom_validation_failed", "Custom validation failed for node",
                        "image - Invalid image file: \(file)",
                        ["input_name": .string(name), "input_config": info, "received_value": coerced]))
            }
            return .ok(coerced)
        }
        if let number = coerced.doubleValue, let config = spec.config {
            if let min = config["min"], let minValue = min.doubleValue, number < minValue {
                return .failed(
                    InputValidation.error(
                        "value_smaller_than_min", "Value \(pythonStr(coerced)) smaller than min of \(pythonStr(min))",
                        name, ["input_name": .string(name), "input_config": info, "received_value": coerced]))
            }
            if let max = config["max"], let maxValue = max.doubleValue, number > maxValue {
                return .failed(
                    InputValidation.error(
                        "value_bigger_than_max", "Value \(pythonStr(coerced)) bigger than max of \(pythonStr(max))",
                        name, ["input_name": .string(name), "input_config": info, "received_value": coerced]))
            }
        }
        if let options = spec.options, !options.contains(coerced) {
            let listInfo = options.count > 20 ? "(list of length \(options.count))" : pythonRepr(.array(options))
            return .failed(
                InputValidation.error(
                    "value_not_in_list", "Value not in list", "\(name): '\(pythonStr(coerced))' not in \(listInfo)",
                    [
                        "input_name": .string(name), "input_config": options.count > 20 ? .null : info,
                        "received_value": coerced,
                    ]))
        }
        return .ok(coerced)
    }

    struct ConversionFailure: Error { let message: String }

    /// Python's int()/float()/str()/bool() on a JSON value.
    static func convert(_ value: SimJSON, to type: String) -> Swift.Result<SimJSON, ConversionFailure> {
        switch type {
        case "INT":
            switch value {
            case .int, .bigInt: return .success(value)
            case .double(let d) where d.isFinite && abs(d) < 9.2e18:
                return .success(.int(Int64(d.rounded(.towardZero))))
            case .double(let d) where d.isFinite:
                return .success(.bigInt(String(format: "%.0f", d.rounded(.towardZero))))
            case .bool(let b): return .success(.int(b ? 1 : 0))
            case .string(let s):
                let t = s.trimmingCharacters(in: " ")
                if let i = Int64(t) { return .success(.int(i)) }
                return .failure(ConversionFailure(message: "invalid literal for int() with base 10: '\(s)'"))
            default:
                return .failure(
                    ConversionFailure(
                        message:
                            "int() argument must be a string, a bytes-like object or a real number, not '\(pythonType(value))'"
                    ))
            }
        case "FLOAT":
            switch value {
            case .double: return .success(value)
            case .int(let i): return .success(.double(Double(i)))
            case .bigInt(let s): return .success(.double(Double(s) ?? 0))
            case .bool(let b): return .success(.double(b ? 1 : 0))
            case .string(let s):
                if let d = Double(s.trimmingCharacters(in: " ")) { return .success(.double(d)) }
                return .failure(ConversionFailure(message: "could not convert string to float: '\(s)'"))
            default:
                return .failure(
                    ConversionFailure(
                        message: "float() argument must be a string or a real number, not '\(pythonType(value))'"))
            }
        case "STRING":
            if case .string = value { return .success(value) }
            return .success(.string(pythonStr(value)))
        case "BOOLEAN":
            switch value {
            case .bool: return .success(value)
            case .null: return .success(.bool(false))
            case .int(let i): return .success(.bool(i != 0))
            case .double(let d): return .success(.bool(d != 0))
            case .string(let s): return .success(.bool(!s.isEmpty))
            default: return .success(.bool(true))
            }
        default:
            return .success(value)
        }
    }

    static func pythonType(_ value: SimJSON) -> String {
        switch value {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .double: return "float"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }

    /// Python `str()` of a JSON value.
    static func pythonStr(_ value: SimJSON) -> String {
        if case .string(let s) = value { return s }
        return pythonRepr(value)
    }

    /// Python `repr()` of a JSON value.
    static func pythonRepr(_ value: SimJSON) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'" + s.replacingOccurrences("'", with: "\\'") + "'"
        case .array(let items): return "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
        case .object(let pairs):
            return "{" + pairs.map { "'\($0.key)': \(pythonRepr($0.value))" }.joined(separator: ", ") + "}"
        default: return value.serialized()
        }
    }
}

extension String {
    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
