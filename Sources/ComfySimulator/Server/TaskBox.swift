import NIOConcurrencyHelpers

/// The server task, settable from `start()` and readable from `stop()` on any thread.
final class TaskBox: Sendable {
    private let value = NIOLockedValueBox<Task<Void, Never>?>(nil)

    var task: Task<Void, Never>? {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}
