extension ComfyClient {
    /// `GET /system_stats`: versions, argv, RAM and VRAM (sample it for the VRAM timeline).
    public func systemStats() async throws -> SystemStats {
        let (json, url) = try await getJSON("/system_stats")
        return try Self.decode(url) { try SystemStats(json: json) }
    }

    /// `GET /object_info`: every node schema (expensive on the server: do not poll it under load).
    public func objectInfo() async throws -> [String: JSONValue] {
        try await objectInfo(path: "/object_info")
    }

    /// `GET /object_info/{class}`: `[:]` for an unknown class.
    public func objectInfo(nodeClass: String) async throws -> [String: JSONValue] {
        try await objectInfo(path: "/object_info/" + ServerEndpoint.encodeQuery(nodeClass))
    }

    private func objectInfo(path: String) async throws -> [String: JSONValue] {
        let (json, url) = try await getJSON(path)
        guard case .object(let members) = json else {
            throw ComfyClientError.decoding(url: url, what: "expected a JSON object of node schemas")
        }
        return members
    }

    /// `GET /features`: the server's feature flags.
    public func features() async throws -> JSONValue {
        try await getJSON("/features").0
    }
}
