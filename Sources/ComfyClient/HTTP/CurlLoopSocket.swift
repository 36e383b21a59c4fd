/// A connected socket the curl thread watches beside its transfers (the `/ws` event socket), so
/// events are read on the same thread as the HTTP replies and the tasks they resume.
///
/// Every method is called on the curl thread only.
protocol CurlLoopSocket: AnyObject, Sendable {
    /// The descriptor to poll.
    var pollDescriptor: Int32 { get }
    /// Whether bytes wait to be written (the loop then polls for writability too).
    var wantsWrite: Bool { get }
    /// When `service` must run even without I/O (a handshake deadline, the next ping); nil for never.
    var nextDeadline: ContinuousClock.Instant? { get }
    /// Reads, writes and checks timers; returns false once the socket is finished and must be dropped.
    func service(readable: Bool, writable: Bool, now: ContinuousClock.Instant) -> Bool
    /// The loop is shutting down: close at once and report why.
    func abandon(reason: String)
}
