/// A file a node wrote, as ComfyUI names it in `executed` and history outputs; fetch it with `/view`.
public struct OutputFile: Sendable, Hashable, Codable {
    public var filename: String
    /// Folder below the type's base directory; `""` for none.
    public var subfolder: String
    /// `output`, `temp` or `input`.
    public var type: String

    public init(filename: String, subfolder: String = "", type: String = "output") {
        self.filename = filename
        self.subfolder = subfolder
        self.type = type
    }

    /// Reads `{filename, subfolder?, type?}`.
    public init(json: JSONValue, context: String = "file") throws {
        let fields = try JSONFields(json, context: context)
        self.filename = try fields.string("filename")
        self.subfolder = try fields.optionalString("subfolder") ?? ""
        self.type = try fields.optionalString("type") ?? "output"
    }
}
