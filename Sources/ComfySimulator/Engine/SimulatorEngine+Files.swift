/// `/view` and `/upload/image` over the in-memory folders.
extension SimulatorEngine {
    /// `GET /view?filename=&subfolder=&type=`.
    func view(filename: String?, subfolder: String?, type: String?) -> SimResponse {
        guard var name = filename else { return .empty(404) }
        // A hostile server serves whatever name it reported, with none of ComfyUI's path checks.
        if configuration.hostileOutputNames,
            let bytes = files.read(FileStore.Key(type: type ?? "output", subfolder: subfolder ?? "", filename: name))
        {
            return SimResponse(status: 200, contentType: "image/png", body: bytes)
        }
        var folder = type ?? "output"
        for candidate in ["output", "input", "temp"] where name.hasSuffix(" [\(candidate)]") {
            folder = candidate
            name = String(name.dropLast(candidate.count + 3))
        }
        guard ["output", "input", "temp"].contains(folder) else { return .empty(400) }
        if name.hasPrefix("/") || name.contains("..") { return .empty(400) }
        let sub = subfolder ?? ""
        if sub.hasPrefix("/") || sub.split(separator: "/").contains("..") { return .empty(403) }
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let cleanSub = sub.split(separator: "/").joined(separator: "/")
        guard var bytes = files.read(FileStore.Key(type: folder, subfolder: cleanSub, filename: base)) else {
            return .empty(404)
        }
        viewCounter += 1
        if let every = faults.truncateViewEvery, viewCounter % max(every, 1) == 0 {
            bytes = Array(bytes.prefix(bytes.count / 2))
        }
        var response = SimResponse(status: 200, contentType: Self.contentType(for: base), body: bytes)
        response.headers.append((name: "Content-Disposition", value: "filename=\"\(base)\""))
        return response
    }

    static func contentType(for name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".png") { return "image/png" }
        if lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") { return "image/jpeg" }
        if lower.hasSuffix(".webp") { return "image/webp" }
        return "application/octet-stream"
    }

    /// `POST /upload/image` (multipart: `image`, `type`, `subfolder`, `overwrite`).
    func uploadImage(contentType: String?, body: [UInt8]) -> SimResponse {
        guard let contentType, let parts = MultipartParser.parse(body: body, contentType: contentType) else {
            return .empty(400)
        }
        guard let image = parts.first(where: { $0.name == "image" }), let original = image.filename,
            !original.isEmpty
        else { return .empty(400) }
        let type = parts.first { $0.name == "type" }.map { String(decoding: $0.data, as: UTF8.self) } ?? "input"
        guard ["input", "temp", "output"].contains(type) else { return .serverError }
        let subfolder = parts.first { $0.name == "subfolder" }.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
        let overwriteText = parts.first { $0.name == "overwrite" }.map { String(decoding: $0.data, as: UTF8.self) }
        let overwrite = overwriteText == "true" || overwriteText == "1"
        let baseName = original.split(separator: "/").last.map(String.init) ?? original
        if subfolder.hasPrefix("/") || subfolder.split(separator: "/").contains("..") || baseName.contains("..") {
            return .empty(400)
        }
        let cleanSub = subfolder.split(separator: "/").joined(separator: "/")
        var name = baseName
        if !overwrite {
            var attempt = 1
            while let existing = files.read(FileStore.Key(type: type, subfolder: cleanSub, filename: name)) {
                // Same content: nothing is written and the existing name is returned.
                if existing == image.data { break }
                let dot = baseName.lastIndex(of: ".")
                let stem = dot.map { String(baseName[..<$0]) } ?? baseName
                let ext = dot.map { String(baseName[$0...]) } ?? ""
                name = "\(stem) (\(attempt))\(ext)"
                attempt += 1
            }
        }
        files.write(FileStore.Key(type: type, subfolder: cleanSub, filename: name), image.data)
        return .json(.obj(["name": .string(name), "subfolder": .string(subfolder), "type": .string(type)]))
    }
}
