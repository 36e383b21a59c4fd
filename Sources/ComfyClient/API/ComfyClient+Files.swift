import Foundation

extension ComfyClient {
    /// `GET /view` of an output file; throws `.responseTooLarge` beyond `maxBytes`, `.http(404)` if missing.
    public func view(_ file: OutputFile, maxBytes: Int = 256 << 20) async throws -> [UInt8] {
        var query = [("filename", file.filename), ("type", file.type)]
        if !file.subfolder.isEmpty { query.append(("subfolder", file.subfolder)) }
        let (response, _) = try await call(
            "GET", "/view", query: query, maxResponseBytes: maxBytes, timeout: downloadTimeout)
        return response.body
    }

    /// `POST /upload/image` (multipart): stores `bytes` as `filename`; the reply names the stored file,
    /// which is renamed (`name (1).png`) when a different file of that name exists and `overwrite` is false.
    public func uploadImage(
        _ bytes: [UInt8],
        filename: String,
        subfolder: String?,
        type: String,
        overwrite: Bool
    ) async throws -> UploadedFile {
        var form = MultipartForm()
        form.addFile(name: "image", filename: filename, contentType: "application/octet-stream", bytes: bytes)
        form.addField(name: "type", value: type)
        if let subfolder { form.addField(name: "subfolder", value: subfolder) }
        form.addField(name: "overwrite", value: overwrite ? "true" : "false")
        let (response, url) = try await send(
            "POST", "/upload/image", body: form.finish(), contentType: form.contentType
        )
        try requireSuccess(response, url: url)
        let json = try parseJSON(response, url: url)
        return try Self.decode(url) {
            let fields = try JSONFields(json, context: "/upload/image reply")
            return UploadedFile(
                name: try fields.string("name"),
                subfolder: try fields.optionalString("subfolder") ?? "",
                type: try fields.optionalString("type") ?? type
            )
        }
    }
}

/// A `multipart/form-data` body builder (RFC 7578) for uploads.
struct MultipartForm {
    let boundary = "comfy-harness-" + String(UInt64.random(in: .min ... .max), radix: 36)
    private var body: [UInt8] = []

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addField(name: String, value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n")
        append(value)
        append("\r\n")
    }

    mutating func addFile(name: String, filename: String, contentType: String, bytes: [UInt8]) {
        append("--\(boundary)\r\n")
        append(
            "Content-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(filename))\"\r\n")
        append("Content-Type: \(contentType)\r\n\r\n")
        body.append(contentsOf: bytes)
        append("\r\n")
    }

    func finish() -> [UInt8] {
        body + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func append(_ text: String) {
        body.append(contentsOf: text.utf8)
    }

    /// Escapes what would end the quoted parameter or the header line.
    static func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "%22")
            .replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
