/// The bad-reply fault knob: which broken body (if any) answers this request.
extension SimulatorEngine {
    /// Counts the request against every matching bad-reply rule and returns the first that fires.
    func injectedBadReply(route: String) -> SimulatorFaults.BadReply.Kind? {
        var chosen: SimulatorFaults.BadReply.Kind?
        for (index, rule) in faults.badReplies.enumerated() where SimulatorFaults.routeMatches(rule.route, route) {
            let key = "bad#\(index)#\(rule.route)#\(rule.every)"
            routeCounters[key, default: 0] += 1
            if chosen == nil, (routeCounters[key] ?? 0) % rule.every == 0 { chosen = rule.kind }
        }
        return chosen
    }
}
