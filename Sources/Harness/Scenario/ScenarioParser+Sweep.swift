import Yams

extension ScenarioParser {
    static let sweepKeys = ["levels", "start", "factor", "max", "settle", "measure", "refine", "flat_gain", "slo"]

    /// `sweep: {start: 1, factor: 2, max: 64, settle: 5s, measure: 30s, refine: 3, slo: {queue_wait.p95: < 30s}}`;
    /// levels are concurrencies in closed mode and rates (`12/min`) in open mode.
    func readSweep(_ node: Node, mode: LoadMode, workflows: [WorkflowSpec]) -> SweepSpec? {
        guard let fields = reader.mapping(node, "sweep", allowed: Self.sweepKeys) else { return nil }
        let before = reader.sink.errorCount
        var spec = SweepSpec()
        if mode == .open {
            spec.start = 1.0 / 60
            spec.maxLevel = 10
        }
        if let levelsNode = fields["levels"] {
            let items = reader.sequence(levelsNode, "sweep levels") ?? []
            if items.isEmpty { reader.error("'levels' is empty", at: levelsNode, hint: "e.g. 'levels: [1, 2, 4, 8]'") }
            let levels = items.compactMap { readLevel($0, mode: mode, what: "a sweep level") }
            if zip(levels, levels.dropFirst()).contains(where: { $0 >= $1 }) {
                reader.error("sweep levels must increase", at: levelsNode, hint: "list them from the lightest load up")
            }
            spec.levels = levels
            for key in ["start", "factor", "max"] {
                if let keyNode = fields.keyNode(key) {
                    reader.error(
                        "'\(key)' cannot be used with 'levels'", at: keyNode,
                        hint: "either list the levels or search exponentially with start/factor/max")
                }
            }
        }
        if let value = fields["start"].flatMap({ readLevel($0, mode: mode, what: "sweep start") }) { spec.start = value }
        if let value = fields["max"].flatMap({ readLevel($0, mode: mode, what: "sweep max") }) { spec.maxLevel = value }
        if let factorNode = fields["factor"], let factor = reader.double(factorNode, "sweep factor") {
            if factor <= 1 || factor > 16 {
                reader.error("sweep factor must be above 1 and at most 16, found \(factor)", at: factorNode, hint: "e.g. 'factor: 2'")
            } else {
                spec.factor = factor
            }
        }
        if spec.levels == nil, spec.maxLevel < spec.start, let maxNode = fields["max"] ?? fields["start"] {
            reader.error("sweep max is below its start", at: maxNode)
        }
        if let value = fields["settle"].flatMap({ reader.duration($0, "sweep settle") }) { spec.settle = value }
        if let value = fields["measure"].flatMap({ reader.duration($0, "sweep measure") }) { spec.measure = value }
        if let value = fields["refine"].flatMap({ reader.int($0, "sweep refine", minimum: 0) }) {
            spec.refine = min(value, 20)
        }
        if let gainNode = fields["flat_gain"] {
            switch Quantity.parse(gainNode.scalarString ?? "", as: .ratio) {
            case .success(let ratio) where ratio >= 0 && ratio < 1: spec.flatGain = ratio
            case .success: reader.error("flat_gain must be between 0% and 100%", at: gainNode, hint: "e.g. 'flat_gain: 5%'")
            case .failure(let problem): reader.error("bad flat_gain: \(problem.message)", at: gainNode, hint: problem.hint)
            }
        }
        if let sloNode = fields["slo"] { spec.slos = readThresholds(sloNode, workflows: workflows) }
        return reader.sink.errorCount == before ? spec : nil
    }

    /// A concurrency (closed) or a rate in arrivals per second (open).
    private func readLevel(_ node: Node, mode: LoadMode, what: String) -> Double? {
        if mode == .closed {
            if node.scalarString?.contains("/") == true {
                reader.error("\(what) is a rate but the mode is closed", at: node, hint: "closed sweeps step the concurrency: 1, 2, 4…")
                return nil
            }
            return reader.int(node, what, minimum: 1).map(Double.init)
        }
        return readRate(node, what)
    }

    /// The load mode as written, for reading `sweep:` when `load:` itself has errors.
    func declaredMode(_ top: YAMLMapping) -> LoadMode {
        guard case .mapping(let load)? = top["load"] else { return .closed }
        if let mode = load["mode"]?.scalarString { return LoadMode(rawValue: mode) ?? .closed }
        return load["rate"] != nil ? .open : .closed
    }

    /// `fleet: round_robin | least_queued`.
    func readFleet(_ node: Node) -> FleetPolicy? {
        readEnum(node, "fleet", FleetPolicy.self)
    }
}
