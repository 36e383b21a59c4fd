/// How one submitted prompt ended, the error classes of the reports.
public enum PromptOutcome: String, Sendable, Codable, CaseIterable {
    /// Executed and its outputs downloaded.
    case ok
    /// Served wholly from the server's cache: nothing executed. Excluded from latency statistics.
    case cached
    /// Rejected by `/prompt` validation (400 with node_errors).
    case validation
    /// `execution_error`: a node raised.
    case execution
    /// `execution_interrupted` (by us on Ctrl-C, or by someone else).
    case interrupted
    /// No terminal event within the scenario's per-prompt timeout.
    case timeout
    /// Accepted, then vanished: no history and no events (server restarted, deleted from the queue).
    case lost
    /// An HTTP error status or an unreadable reply.
    case http
    /// The server could not be reached (refused, reset, TLS).
    case connection
    /// Scheduled but never sent because the run stopped first (Ctrl-C, abort on threshold).
    case cancelled

    /// Whether the outcome counts as an error in `errors.rate`.
    public var isError: Bool {
        switch self {
        case .ok, .cached, .cancelled: return false
        default: return true
        }
    }
}
