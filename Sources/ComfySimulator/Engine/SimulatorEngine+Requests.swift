/// The queue, history, interrupt and free routes (`server.py` handlers of the same names).
extension SimulatorEngine {
    /// `GET /prompt`.
    func promptInfo() -> SimResponse {
        .json(.obj(["exec_info": .obj(["queue_remaining": .int(Int64(queue.remaining))])]))
    }

    /// `GET /queue`.
    func queueSnapshot() -> SimResponse { .json(queue.snapshot) }

    /// `POST /queue`: `clear` wipes pending items, `delete` removes pending ids; 200 empty either way.
    func postQueue(_ bodyBytes: [UInt8]) -> SimResponse {
        guard let body = try? SimJSON.parse(bodyBytes), body.objectPairs != nil else { return .serverError }
        if let clear = body["clear"], Self.truthy(clear) {
            for id in queue.wipe() { records[id]?.outcome = .deleted }
            broadcastStatus()
        }
        if let delete = body["delete"]?.arrayValue {
            for id in delete.compactMap(\.stringValue) where queue.delete(id) {
                records[id]?.outcome = .deleted
                broadcastStatus()
            }
        }
        return .emptyOK
    }

    /// `POST /interrupt`: targeted when `prompt_id` names the running prompt, global without it.
    func interrupt(_ bodyBytes: [UInt8]) -> SimResponse {
        let body = (try? SimJSON.parse(bodyBytes)) ?? .object([])
        if body.objectPairs == nil, body.arrayValue != nil || body.stringValue != nil { return .serverError }
        if let target = body["prompt_id"], target != .null {
            if queue.running?.promptID == target.stringValue { interruptRequested = true }
        } else if queue.running != nil {
            // The flag is reset when each prompt starts, so an interrupt while idle does nothing.
            interruptRequested = true
        }
        return .emptyOK
    }

    /// `POST /free`: flags applied after the running prompt, or at once when idle.
    func free(_ bodyBytes: [UInt8]) -> SimResponse {
        guard let body = try? SimJSON.parse(bodyBytes), body.objectPairs != nil else { return .serverError }
        let freeMemory = body["free_memory"].map(Self.truthy) ?? false
        let unload = body["unload_models"].map(Self.truthy) ?? freeMemory
        let previous = pendingFree
        pendingFree = (
            unloadModels: unload || (previous?.unloadModels ?? false),
            freeMemory: freeMemory || (previous?.freeMemory ?? false)
        )
        applyPendingFree()
        return .emptyOK
    }

    /// `GET /history` with `max_items` and `offset` (non-integers are a 500, like Python's int()).
    func historyWindow(maxItems: String?, offset: String?) -> SimResponse {
        let max = maxItems.map { Int($0.trimmingCharacters(in: " ")) }
        let off = offset.map { Int($0.trimmingCharacters(in: " ")) }
        if case .some(nil) = max { return .serverError }
        if case .some(nil) = off { return .serverError }
        return .json(history.window(maxItems: max ?? nil, offset: off ?? nil))
    }

    /// `GET /history/{id}`: `{}` when unknown, never 404.
    func historyEntry(_ promptID: String) -> SimResponse {
        guard let entry = history.entry(promptID) else { return .json(.object([])) }
        return .json(.object([(key: promptID, value: entry)]))
    }

    /// `POST /history`: `clear` and/or `delete`.
    func postHistory(_ bodyBytes: [UInt8]) -> SimResponse {
        guard let body = try? SimJSON.parse(bodyBytes), body.objectPairs != nil else { return .serverError }
        if let clear = body["clear"], Self.truthy(clear) { history.clear() }
        for id in body["delete"]?.arrayValue?.compactMap(\.stringValue) ?? [] { history.delete(id) }
        return .emptyOK
    }

    /// `GET /features`.
    func featuresReply() -> SimResponse { .json(Self.features) }

    /// `GET /object_info` and `/object_info/{class}` (unknown class → `{}`).
    func objectInfo(_ className: String?) -> SimResponse {
        if let className { return .json(catalog.reply(for: className, inputFiles: files.inputNames)) }
        return .json(catalog.fullReply(inputFiles: files.inputNames))
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String { self[...].trimmingCharacters(in: character) }
}
