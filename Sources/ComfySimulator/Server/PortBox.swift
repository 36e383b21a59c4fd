import NIOConcurrencyHelpers

/// The bound port, readable synchronously from any thread once the server runs.
final class PortBox: Sendable {
    private let value = NIOLockedValueBox(0)

    var port: Int {
        get { value.withLockedValue { $0 } }
        set { value.withLockedValue { $0 = newValue } }
    }
}
