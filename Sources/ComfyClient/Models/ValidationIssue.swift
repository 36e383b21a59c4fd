/// One validation problem from `POST /prompt`: the top-level `error` or an entry of a node's `errors`.
public struct ValidationIssue: Sendable, Hashable {
    /// e.g. `value_not_in_list`, `required_input_missing`, `invalid_prompt`.
    public var type: String
    public var message: String
    public var details: String
    public var extraInfo: JSONValue

    public init(type: String, message: String, details: String = "", extraInfo: JSONValue = .object([:])) {
        self.type = type
        self.message = message
        self.details = details
        self.extraInfo = extraInfo
    }

    init(json: JSONValue?, context: String) throws {
        let fields = try JSONFields(json, context: context)
        type = try fields.string("type")
        message = try fields.optionalString("message") ?? ""
        details = try fields.optionalString("details") ?? ""
        extraInfo = fields.value("extra_info") ?? .object([:])
    }

    /// The input this issue is about (`extra_info.input_name`), if any.
    public var inputName: String? { extraInfo["input_name"]?.stringValue }

    /// A one-line explanation: `sampler_name: 'bogus' not in (list of length 44)`, `seed: Required input is missing`.
    public var summary: String {
        var text: String
        if let input = inputName {
            if details.hasPrefix(input + ":") {
                text = details  // already says "<input>: <what>"
            } else {
                text = "\(input): \(message)"
                if !details.isEmpty && details != input { text += " (\(details))" }
            }
        } else {
            text = message
            if !details.isEmpty && details != message { text += " (\(details))" }
        }
        if let exceptionType = extraInfo["exception_type"]?.stringValue {
            text += " [\(exceptionType)]"
        }
        return text
    }
}
