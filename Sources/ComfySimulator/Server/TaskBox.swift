import NIOConcurrencyHelpers
import ServiceLifecycle

/// The server task, settable from `start()` and readable from `stop()` on any thread.
final class TaskBox: Sendable {
    private let value = NIOLockedValueBox<Task<Void, Never>?>(nil)

    var task: Task<Void, Never>? {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}

/// The running service group, so `stop()` can shut it down gracefully.
final class ServiceGroupBox: Sendable {
    private let value = NIOLockedValueBox<ServiceGroup?>(nil)

    var group: ServiceGroup? {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}
