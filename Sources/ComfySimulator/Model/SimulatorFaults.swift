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

    /// A 200 reply whose body a client must survive (replaces the route's real answer; the route does not run).
    public struct BadReply: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// JSON cut off mid-object, as from a proxy that dropped the end of the body.
            case malformedJSON
            /// Valid JSON of the wrong shape (an array where every route answers an object).
            case wrongShape
            /// This many deterministic pseudo-random bytes, labelled `application/json`.
            case garbage(bytes: Int)
            /// A body streamed until the client hangs up (only a client-side size cap ends it).
            case endless
        }
        public var route: String
        public var kind: Kind
        /// Every Nth request to the route gets the bad reply (1 = all of them).
        public var every: Int
        public init(route: String, kind: Kind, every: Int = 1) {
            self.route = route
            self.kind = kind
            self.every = max(every, 1)
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
    /// Replies replaced by broken bodies (checked after `httpErrors`).
    public var badReplies: [BadReply]
    /// A new socket gets no `status` at all (neither the one sent on connect nor the queue-change
    /// broadcasts) for this long, then the connect one: a busy server's event loop or a buffering
    /// proxy. A client must not take "no status yet" for "empty queue".
    public var statusSilenceAfterConnect: Duration?

    public init(
        httpErrors: [HTTPError] = [], delays: [Delay] = [], dropWebSocketAfterMessages: Int? = nil,
        refuseWebSockets: Bool = false, loseHistoryEvery: Int? = nil, truncateViewEvery: Int? = nil,
        badReplies: [BadReply] = [], statusSilenceAfterConnect: Duration? = nil
    ) {
        self.badReplies = badReplies
        self.statusSilenceAfterConnect = statusSilenceAfterConnect
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
