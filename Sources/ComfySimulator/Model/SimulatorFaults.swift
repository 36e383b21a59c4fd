/// Injected failures, deterministic (every Nth event) so tests are stable; changeable at run time.
public struct SimulatorFaults: Sendable, Equatable {
    /// HTTP error replies on a route (path without the `/api` prefix, e.g. "/prompt"; "*" for every route).
    public struct HTTPError: Sendable, Equatable {
        public var route: String
        public var status: Int
        /// Every Nth request to the route fails (1 = all of them).
        public var every: Int
        public init(route: String, status: Int, every: Int = 1) {
            self.route = route
            self.status = status
            self.every = max(every, 1)
        }
    }

    /// A delay before a route answers.
    public struct Delay: Sendable, Equatable {
        public var route: String
        public var delay: Duration
        public init(route: String, delay: Duration) {
            self.route = route
            self.delay = delay
        }
    }

    public var httpErrors: [HTTPError]
    public var delays: [Delay]
    /// Each WebSocket is cut (TCP close, no close frame) right after it sent this many messages.
    public var dropWebSocketAfterMessages: Int?
    /// Refuse every WebSocket upgrade (the `/ws` GET answers 503).
    public var refuseWebSockets: Bool
    /// Every Nth executed prompt never gets a history entry ("lost").
    public var loseHistoryEvery: Int?
    /// Every Nth `/view` download is cut to half its bytes.
    public var truncateViewEvery: Int?

    public init(
        httpErrors: [HTTPError] = [], delays: [Delay] = [], dropWebSocketAfterMessages: Int? = nil,
        refuseWebSockets: Bool = false, loseHistoryEvery: Int? = nil, truncateViewEvery: Int? = nil
    ) {
        self.httpErrors = httpErrors
        self.delays = delays
        self.dropWebSocketAfterMessages = dropWebSocketAfterMessages
        self.refuseWebSockets = refuseWebSockets
        self.loseHistoryEvery = loseHistoryEvery
        self.truncateViewEvery = truncateViewEvery
    }

    /// No faults.
    public static let none = SimulatorFaults()

    static func routeMatches(_ pattern: String, _ path: String) -> Bool {
        pattern == "*" || pattern == path || (pattern.hasSuffix("/*") && path.hasPrefix(String(pattern.dropLast())))
    }
}
