extension ComfyClient {
    /// `GET /queue`: running and pending items.
    public func queue() async throws -> QueueSnapshot {
        let (response, url) = try await call("GET", "/queue")
        return try Self.decode(url) { try QueueSnapshot(bytes: response.body) }
    }

    /// `GET /prompt`: pending + running count.
    public func queueRemaining() async throws -> Int {
        let (json, url) = try await getJSON("/prompt")
        return try Self.decode(url) {
            let execInfo = try JSONFields(json, context: "/prompt").object("exec_info")
            return Int(try execInfo.int64("queue_remaining"))
        }
    }

    /// `POST /queue {"delete": ids}`: cancels pending prompts (they then produce no history and no events).
    public func deletePending(_ promptIDs: [String]) async throws {
        try await call("POST", "/queue", json: .object(["delete": .array(promptIDs.map { .string($0) })]))
    }

    /// `POST /queue {"clear": true}`: drops every pending prompt (the running one continues).
    public func clearPending() async throws {
        try await call("POST", "/queue", json: .object(["clear": .bool(true)]))
    }

    /// `POST /interrupt`: with an id, stops that prompt only if it is running; nil interrupts whatever runs.
    public func interrupt(promptID: String?) async throws {
        let body: [String: JSONValue] = promptID.map { ["prompt_id": .string($0)] } ?? [:]
        try await call("POST", "/interrupt", json: .object(body))
    }

    /// `POST /free`: `freeMemory` also drops the node output cache (forces fresh execution).
    public func free(unloadModels: Bool, freeMemory: Bool) async throws {
        try await call(
            "POST", "/free",
            json: .object(["unload_models": .bool(unloadModels), "free_memory": .bool(freeMemory)])
        )
    }
}
