/// What `POST /upload/image` stored: the name (possibly renamed to `name (1).png`), subfolder and type.
public struct UploadedFile: Sendable, Hashable {
    public var name: String
    public var subfolder: String
    public var type: String

    public init(name: String, subfolder: String, type: String) {
        self.name = name
        self.subfolder = subfolder
        self.type = type
    }

    /// The value a `LoadImage` node takes: `subfolder/name`, with ` [temp]`/` [output]` for other types.
    public var loadImageReference: String {
        let path = subfolder.isEmpty ? name : "\(subfolder)/\(name)"
        return type == "input" ? path : "\(path) [\(type)]"
    }

    public var outputFile: OutputFile { OutputFile(filename: name, subfolder: subfolder, type: type) }
}
