import Yams

extension ScenarioParser {
    static let loadKeys = [
        "mode", "concurrency", "rate", "arrival", "max_in_flight", "stages", "requests", "duration", "warmup",
        "timeout", "arrival_seed", "idle_sockets",
    ]
    static let stageKeys = ["for", "concurrency", "rate", "ramp"]

    /// `load:`; mutually exclusive keys and mode-specific keys are checked here so the driver can trust it.
    func readLoad(_ node: Node) -> LoadSpec? {
        guard let fields = reader.mapping(node, "load", allowed: Self.loadKeys) else { return nil }
        let before = reader.sink.errorCount
        let mode = readMode(fields)
        checkModeKeys(fields, mode: mode)
        let concurrency = fields["concurrency"].flatMap { reader.int($0, "concurrency", minimum: 1) } ?? 1
        let rate = fields["rate"].flatMap { readRate($0, "rate") }
        let arrival = fields["arrival"].flatMap { readEnum($0, "arrival", ArrivalProcess.self) } ?? .constant
        let maxInFlight = fields["max_in_flight"].flatMap { reader.int($0, "max_in_flight", minimum: 1) }
        let stages = fields["stages"].map { readStages($0, mode: mode) } ?? []
        // 0 is a regression-only run (the fixed-seed pass, no load); ScenarioParser checks there is one.
        let requests = fields["requests"].flatMap { reader.int($0, "requests", minimum: 0) }
        let duration = fields["duration"].flatMap { reader.duration($0, "duration") }
        let warmup = fields["warmup"].flatMap { reader.int($0, "warmup", minimum: 0) } ?? 0
        let timeout = fields["timeout"].flatMap { reader.duration($0, "timeout") } ?? .seconds(600)
        let arrivalSeed = fields["arrival_seed"].flatMap { reader.int($0, "arrival_seed", minimum: 0) }.map(UInt64.init)
        checkStopCondition(fields, stages: stages)
        if mode == .open && rate == nil && stages.isEmpty && fields["rate"] == nil {
            reader.error(
                "open mode needs 'rate' (or stages with rates)", at: fields.node,
                hint: "e.g. 'rate: 12/min' or 'rate: 2/s'")
        }
        if let requests, requests > 0, warmup >= requests, let warmupNode = fields["warmup"] {
            reader.error("warmup (\(warmup)) must be less than requests (\(requests))", at: warmupNode)
        }
        let idleSockets = fields["idle_sockets"].flatMap { reader.int($0, "idle_sockets", minimum: 0) } ?? 0
        if idleSockets > 1000, let node = fields["idle_sockets"] {
            reader.error("idle_sockets \(idleSockets) is more than 1000 per server", at: node, hint: "each one is a real socket")
        }
        guard reader.sink.errorCount == before else { return nil }
        var spec = LoadSpec(
            mode: mode, concurrency: concurrency, rate: rate, arrival: arrival, maxInFlight: maxInFlight,
            stages: stages,
            requests: requests, duration: duration, warmup: warmup, timeout: timeout, arrivalSeed: arrivalSeed)
        spec.idleSockets = idleSockets
        return spec
    }

    /// `mode:` when given; otherwise open if a rate is given, closed if not.
    private func readMode(_ fields: YAMLMapping) -> LoadMode {
        if let node = fields["mode"] { return readEnum(node, "mode", LoadMode.self) ?? .closed }
        return fields["rate"] != nil ? .open : .closed
    }

    /// Keys that make sense in only one mode are errors in the other, rather than silently ignored.
    private func checkModeKeys(_ fields: YAMLMapping, mode: LoadMode) {
        let foreign = mode == .closed ? ["rate", "arrival", "max_in_flight", "arrival_seed"] : ["concurrency"]
        for key in foreign {
            guard let keyNode = fields.keyNode(key) else { continue }
            let hint =
                mode == .closed
                ? "'\(key)' is for open mode: set 'mode: open', or use 'concurrency' for closed mode"
                : "open mode sends at 'rate' with up to 'max_in_flight' prompts pending; use 'mode: closed' for fixed concurrency"
            reader.error("'\(key)' cannot be used with mode \(mode.rawValue)", at: keyNode, hint: hint)
        }
    }

    /// The run must end: `requests`, `duration`, or stages (whose total is the duration); not both time limits.
    private func checkStopCondition(_ fields: YAMLMapping, stages: [LoadStage]) {
        if let keyNode = fields.keyNode("duration"), fields["requests"] != nil {
            reader.error(
                "'requests' and 'duration' are mutually exclusive", at: keyNode,
                hint: "stop after a number of prompts or after a time, not both")
        } else if let keyNode = fields.keyNode("duration"), fields["stages"] != nil {
            reader.error(
                "'duration' and 'stages' are mutually exclusive", at: keyNode,
                hint: "the stages' durations add up to the run's length")
        } else if fields["requests"] == nil && fields["duration"] == nil && fields["stages"] == nil {
            reader.error(
                "load needs 'requests', 'duration' or 'stages' to know when to stop", at: fields.node,
                hint: "e.g. 'requests: 40' or 'duration: 10m'")
        }
    }

    /// Arrivals per second from `12/min`, `2/s`, `100/h`; a bare number is ambiguous here and refused.
    func readRate(_ node: Node, _ what: String) -> Double? {
        guard let text = node.scalarString, node.tagName != .null else {
            reader.error(
                "expected a rate for \(what), found \(node.kindDescription)", at: node, hint: "e.g. 12/min or 2/s")
            return nil
        }
        guard text.contains("/") else {
            reader.error("\(what) '\(text)' needs a unit", at: node, hint: "write '\(text)/s' or '\(text)/min'")
            return nil
        }
        switch Quantity.parse(text, as: .perMinute) {
        case .failure(let problem):
            reader.error("bad \(what): \(problem.message)", at: node, hint: problem.hint)
            return nil
        case .success(let perMinute) where perMinute <= 0:
            reader.error("\(what) must be greater than 0, found '\(text)'", at: node)
            return nil
        case .success(let perMinute):
            return perMinute / 60
        }
    }

    /// One of an enum's raw values, with a "did you mean" for near misses.
    func readEnum<E: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, _: E.Type) -> E?
    where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard let text = node.scalarString, let value = E(rawValue: text) else {
            reader.error(
                "expected one of \(names.joined(separator: ", ")) for \(what), found \(node.kindDescription)", at: node,
                hint: Suggestion.didYouMean(node.scalarString ?? "", among: names))
            return nil
        }
        return value
    }

    /// `stages: [{for: 1m, concurrency: 1}, {for: 5m, concurrency: 8, ramp: true}]` (rate in open mode).
    private func readStages(_ node: Node, mode: LoadMode) -> [LoadStage] {
        guard let items = reader.sequence(node, "stages") else { return [] }
        if items.isEmpty { reader.error("'stages' is empty", at: node) }
        return items.enumerated().compactMap { index, item in
            let what = "stage \(index + 1)"
            guard let fields = reader.mapping(item, what, allowed: Self.stageKeys) else { return nil }
            let duration = require(fields, "for", in: what, hint: "e.g. {for: 5m, concurrency: 8}").flatMap {
                reader.duration($0, "'for' of \(what)")
            }
            let target = mode == .closed ? "concurrency" : "rate"
            let other = mode == .closed ? "rate" : "concurrency"
            if let keyNode = fields.keyNode(other) {
                reader.error(
                    "\(what) sets '\(other)' but the mode is \(mode.rawValue)", at: keyNode,
                    hint: "use '\(target)' in \(mode.rawValue) mode")
            }
            guard let targetNode = require(fields, target, in: what) else { return nil }
            let ramp = fields["ramp"].flatMap { reader.bool($0, "ramp of \(what)") } ?? false
            if mode == .closed {
                guard let duration, let level = reader.int(targetNode, "concurrency of \(what)", minimum: 0) else {
                    return nil
                }
                return LoadStage(duration: duration, concurrency: level, ramp: ramp)
            }
            guard let duration, let level = readRate(targetNode, "rate of \(what)") else { return nil }
            return LoadStage(duration: duration, rate: level, ramp: ramp)
        }
    }
}
