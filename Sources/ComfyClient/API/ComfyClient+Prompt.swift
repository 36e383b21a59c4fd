extension ComfyClient {
    /// `POST /prompt` with your own `promptID` (register it for events *before* calling: events can win the race).
    ///
    /// A 400 throws `.promptRejected` with every node's problem; a 200 may still list `nodeErrors`.
    public func submit(
        prompt: JSONValue,
        promptID: String,
        clientID: String,
        extraData: JSONValue? = nil
    ) async throws -> PromptAccepted {
        var body: [String: JSONValue] = [
            "prompt": prompt,
            "prompt_id": .string(promptID),
            "client_id": .string(clientID),
        ]
        if let extraData { body["extra_data"] = extraData }
        let (response, url) = try await send(
            "POST", "/prompt",
            // Unsorted: sorting every node's inputs was most of the cost of writing a workflow.
            body: JSONValue.object(body).serializedBytes(sortedKeys: false),
            contentType: "application/json"
        )
        if response.status == 400, let json = try? parseJSON(response, url: url),
            let rejection = try? PromptRejection(json: json, url: url)
        {
            throw ComfyClientError.promptRejected(rejection)
        }
        try requireSuccess(response, url: url)
        let json = try parseJSON(response, url: url)
        return try Self.decode(url) { try PromptAccepted(json: json) }
    }

    /// `GET /history/{id}`: the entry, or nil while it is not there (`{}`: still queued, running, or unknown).
    ///
    /// `includingWorkflow: false` leaves the entry's `prompt` (the workflow the server echoes back) as
    /// `null`: it is checked but not built, which halves the cost of reading the reply.
    public func history(promptID: String, includingWorkflow: Bool = true) async throws -> HistoryEntry? {
        // The workflow is element 2 of `prompt` in each entry (depth 1): [number, id, workflow, extra_data, outputs].
        let skip = includingWorkflow ? nil : JSONParser.SkipRule(depth: 1, member: "prompt", element: 2)
        let (json, url) = try await getJSON("/history/" + ServerEndpoint.encodeQuery(promptID), skipping: skip)
        let entries = try Self.decode(url) { try HistoryEntry.entries(json: json) }
        return entries[promptID]
    }

    /// Retries `/history/{id}` until the entry appears: `execution_success` arrives before it is written (§5.5).
    public func waitForHistory(
        promptID: String,
        attempts: Int = 20,
        interval: Duration = .milliseconds(50),
        includingWorkflow: Bool = true
    ) async throws -> HistoryEntry {
        for attempt in 1...max(1, attempts) {
            if let entry = try await history(promptID: promptID, includingWorkflow: includingWorkflow) { return entry }
            if attempt < attempts { try await Task.sleep(for: interval) }
        }
        throw ComfyClientError.historyMissing(promptID: promptID, attempts: max(1, attempts))
    }

    /// `GET /history?max_items=&offset=`. Without `maxItems` the server sends everything (up to 10k entries):
    /// avoid that on a loaded server.
    public func history(maxItems: Int?, offset: Int?) async throws -> [String: HistoryEntry] {
        var query: [(String, String)] = []
        if let maxItems { query.append(("max_items", String(maxItems))) }
        if let offset { query.append(("offset", String(offset))) }
        let (json, url) = try await getJSON("/history", query: query)
        return try Self.decode(url) { try HistoryEntry.entries(json: json) }
    }

    /// `POST /history {"delete": [...]}`: forget finished prompts (bounds server memory in long runs).
    public func deleteHistory(_ promptIDs: [String]) async throws {
        try await call("POST", "/history", json: .object(["delete": .array(promptIDs.map { .string($0) })]))
    }

    /// `POST /history {"clear": true}`.
    public func clearHistory() async throws {
        try await call("POST", "/history", json: .object(["clear": .bool(true)]))
    }
}
