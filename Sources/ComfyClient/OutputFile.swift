/// A file a node wrote, as `/history` and `executed` name it; fetched with `GET /view`.
/// (Temporary: replaced by the client branch's definition on merge.)
public struct OutputFile: Sendable, Hashable, Codable {
    public var filename: String
    public var subfolder: String
    public var type: String

    public init(filename: String, subfolder: String, type: String) {
        self.filename = filename
        self.subfolder = subfolder
        self.type = type
    }
}
