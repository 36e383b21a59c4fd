/// A counting semaphore for the open model's `max_in_flight` cap: waiters are served in order.
actor SlotPool {
    private let limit: Int
    private var used = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async {
        if used < limit {
            used += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            used -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
