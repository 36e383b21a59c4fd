import NIOConcurrencyHelpers

/// Picks the server for each prompt of a fleet run.
///
/// Round robin goes by the prompt's sequence number, so a replay sends the same prompts to the
/// same servers. Least-queued reads each server's latest `queue_remaining` (pending + running, every
/// client's prompts) as its `EventRouter` tracked it from the `status` broadcasts (seeded by one
/// `GET /prompt` at connect, see `ConnectedServers`); a server with no length yet counts as empty,
/// and ties rotate so a burst at the start is spread evenly.
public final class FleetRouter: Sendable {
    public let connections: [ServerConnection]
    public let policy: FleetPolicy
    private let rotation = NIOLockedValueBox(0)

    public init(connections: [ServerConnection], policy: FleetPolicy) {
        precondition(!connections.isEmpty, "a fleet needs at least one server")
        self.connections = connections
        self.policy = policy
    }

    /// The connection for the prompt with this sequence number.
    public func pick(sequence: Int) -> ServerConnection {
        switch policy {
        case .roundRobin:
            return connections[sequence % connections.count]
        case .leastQueued:
            let queues = connections.map { $0.router.queueRemaining ?? 0 }
            let index = rotation.withLockedValue { cursor in
                let index = Self.leastQueued(queues, cursor: cursor)
                cursor = (index + 1) % queues.count
                return index
            }
            return connections[index]
        }
    }

    /// The index of the smallest queue; among equal ones, the first at or after `cursor` (a pure
    /// function, so the tie rule is testable without servers).
    static func leastQueued(_ queues: [Int], cursor: Int) -> Int {
        guard let smallest = queues.min() else { return 0 }
        for offset in 0..<queues.count {
            let index = (cursor + offset) % queues.count
            if queues[index] == smallest { return index }
        }
        return 0
    }
}
