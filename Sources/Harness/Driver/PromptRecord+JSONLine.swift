import ComfyClient

/// Writing a `samples.jsonl` line straight to bytes: the synthesized `Codable` keys, in sorted order,
/// compact, nil fields left out — the bytes `JSONWriter` would make of the same object (a test checks
/// that), without building a dictionary per record and sorting it first, which cost about 2% of the
/// driver's CPU at one prompt in flight.
extension PromptRecord {
    /// One `samples.jsonl` line, without the newline.
    public func jsonLine() -> [UInt8] {
        var out = LineWriter()
        out.member("acceptedAt", acceptedAt)
        if let cachedNodes {
            out.key("cachedNodes")
            out.strings(cachedNodes)
        }
        out.member("createTimeMs", createTimeMs.map { Int($0) })
        out.member("downloadBytes", downloadBytes)
        out.member("downloadedAt", downloadedAt)
        out.member("executionStartMs", executionStartMs.map { Int($0) })
        if let failure {
            out.key("failure")
            failure.write(to: &out)
        }
        out.member("finishedAt", finishedAt)
        out.member("number", number)
        out.member("outcome", outcome.rawValue)
        out.key("outputs")
        out.list(outputs) { out, file in
            let outer = out.openObject()
            out.member("filename", file.filename)
            out.member("subfolder", file.subfolder)
            out.member("type", file.type)
            out.closeObject(outer)
        }
        out.key("phases")
        out.list(phases) { out, phase in phase.write(to: &out) }
        out.member("promptID", promptID)
        out.member("scheduledAt", scheduledAt)
        out.member("seed", seed)
        out.member("sentAt", sentAt)
        out.member("sequence", sequence)
        out.member("server", server)
        out.member("startedAt", startedAt)
        out.member("terminalEvent", terminalEvent)
        out.member("terminalMs", terminalMs.map { Int($0) })
        out.key("warmup")
        out.json.writeRaw(warmup ? "true" : "false")
        out.member("workflow", workflow)
        return out.finish()
    }
}

extension PromptRecord.NodePhase {
    fileprivate func write(to out: inout LineWriter) {
        let outer = out.openObject()
        out.member("classType", classType)
        out.member("node", node)
        out.member("seconds", seconds)
        out.member("startedAt", startedAt)
        if let steps {
            out.key("steps")
            out.list(steps) { out, step in out.json.writeNumber(step) }
        }
        out.closeObject(outer)
    }
}

extension PromptRecord.Failure {
    fileprivate func write(to out: inout LineWriter) {
        let outer = out.openObject()
        out.member("exceptionType", exceptionType)
        out.member("message", message)
        out.member("node", node)
        out.member("nodeType", nodeType)
        out.member("status", status)
        out.closeObject(outer)
    }
}

/// A JSON object being written member by member: the comma between members and the braces.
private struct LineWriter {
    var json = JSONWriter(capacity: 1536)
    private var needsComma = false

    init() {
        json.writeRaw("{")
    }

    /// A member name (its value follows), after a comma unless it is the first.
    mutating func key(_ name: StaticString) {
        json.writeRaw(needsComma ? ",\"" : "\"")
        json.writeRaw(name)
        json.writeRaw("\":")
        needsComma = true
    }

    mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name)
        json.writeNumber(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        json.writeNumber(value)
    }

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        json.writeString(value)
    }

    mutating func strings(_ values: [String]) {
        list(values) { out, value in out.json.writeString(value) }
    }

    /// `[…]` with `element` writing each one.
    mutating func list<Element>(_ elements: [Element], _ element: (inout LineWriter, Element) -> Void) {
        json.writeRaw("[")
        for (index, item) in elements.enumerated() {
            if index > 0 { json.writeRaw(",") }
            element(&self, item)
        }
        json.writeRaw("]")
    }

    mutating func finish() -> [UInt8] {
        json.writeRaw("}")
        return json.bytes
    }

    /// Opens a nested object; pass what it returns (the outer object's comma state) to `closeObject`.
    mutating func openObject() -> Bool {
        json.writeRaw("{")
        defer { needsComma = false }
        return needsComma
    }

    mutating func closeObject(_ outer: Bool) {
        json.writeRaw("}")
        needsComma = outer
    }
}
