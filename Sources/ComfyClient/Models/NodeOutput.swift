/// One node's UI output in history (or an `executed` event): its files plus the raw JSON.
public struct NodeOutput: Sendable, Hashable {
    /// The `images` list (SaveImage: type `output`; PreviewImage: type `temp`).
    public var images: [OutputFile]
    /// e.g. `{"images": [...]}`, `{"text": ["42"]}`, `{"gifs": [...]}`.
    public var raw: JSONValue

    public init(json: JSONValue, context: String = "output") throws {
        raw = json
        guard let list = json["images"], !list.isNull else {
            images = []
            return
        }
        guard case .array(let elements) = list else {
            throw ComfyDecodingError("\(context).images: expected an array, got \(JSONFields.kind(of: list))")
        }
        images = try elements.enumerated().map { try OutputFile(json: $1, context: "\(context).images[\($0)]") }
    }

    /// Every file under any key (`images`, `gifs`, `audio`, `video`, …): elements with a `filename`.
    public var allFiles: [OutputFile] {
        guard case .object(let members) = raw else { return [] }
        return members.keys.sorted().flatMap { key -> [OutputFile] in
            (members[key]?.arrayValue ?? []).compactMap { element in
                element["filename"] == nil ? nil : try? OutputFile(json: element)
            }
        }
    }
}
