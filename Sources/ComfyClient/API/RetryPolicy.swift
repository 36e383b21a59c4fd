/// Which failed requests `ComfyClient` sends again, and how long it waits in between.
///
/// `POST /prompt` is not idempotent: a submit whose reply was lost may already be queued, and sending
/// it again can run it twice. So submits are not retried unless asked (`submitRetries`), while the
/// idempotent GETs (`/history`, `/queue`, `/view`, `/system_stats`, …) are. Only transient failures are
/// retried: 500, 502, 503, 504, a refused or reset connection. Timeouts are not (the wait was already
/// spent, and a retry would multiply it), nor are 4xx replies, unreadable bodies or size-limit aborts.
public struct RetryPolicy: Sendable, Hashable {
    /// Extra attempts for `POST /prompt` (0: one attempt).
    public var submitRetries: Int
    /// Extra attempts for GET requests.
    public var getRetries: Int
    /// The wait before the first retry; it doubles for each further one, up to `maxBackoff`.
    public var backoff: Duration
    public var maxBackoff: Duration

    public init(submitRetries: Int = 0, getRetries: Int = 0, backoff: Duration = .milliseconds(250), maxBackoff: Duration = .seconds(5)) {
        self.submitRetries = max(0, submitRetries)
        self.getRetries = max(0, getRetries)
        self.backoff = backoff
        self.maxBackoff = maxBackoff
    }

    /// One attempt for everything (the library default: callers opt in).
    public static let none = RetryPolicy()
    /// The harness default: submits once, GETs up to 3 times, 250 ms then 500 ms apart.
    public static let harnessDefault = RetryPolicy(submitRetries: 0, getRetries: 2, backoff: .milliseconds(250))

    /// Extra attempts allowed for this request.
    public func retries(method: String, path: String) -> Int {
        switch method.uppercased() {
        case "GET", "HEAD": return getRetries
        case "POST" where path == "/prompt": return submitRetries
        default: return 0
        }
    }

    /// The wait before retry number `retry` (1-based), ±20 % jitter from `unitRandom` in 0..<1 so
    /// many harness processes do not retry in step.
    public func delay(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        let scale = 1 << min(max(retry - 1, 0), 16)
        let base = min(backoff * scale, maxBackoff)
        return base * (0.8 + 0.4 * min(max(unitRandom, 0), 1))
    }

    /// Whether a reply status is worth another attempt.
    public static func isTransient(status: Int) -> Bool { [500, 502, 503, 504].contains(status) }

    /// Whether a failure is worth another attempt.
    public static func isTransient(_ error: ComfyClientError) -> Bool {
        switch error {
        case .connectionRefused, .transport: return true
        default: return false
        }
    }
}
