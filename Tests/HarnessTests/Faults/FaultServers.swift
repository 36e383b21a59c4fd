import ComfySimulator
import Foundation

/// Servers that misbehave at the process level: a simulator restarted on the same port, and a
/// socket that accepts connections and never answers.
enum FaultServers {
    /// Stops `old` (its queue and history are gone, like a killed ComfyUI) and starts a fresh simulator
    /// with the same configuration on the same port.
    static func restart(_ old: ComfySimulator, after outage: Duration) async throws -> ComfySimulator {
        let port = old.port
        await old.stop()
        try await Task.sleep(for: outage)
        return try await start(like: old, on: port)
    }

    /// A simulator configured like `model`, bound to `port` (retried briefly while the old socket closes).
    static func start(like model: ComfySimulator, on port: Int) async throws -> ComfySimulator {
        var configuration = model.configuration
        configuration.port = port
        var lastError: (any Error)?
        for _ in 0..<50 {
            let fresh = ComfySimulator(configuration: configuration)
            do {
                try await fresh.start()
                return fresh
            } catch {
                lastError = error
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError!
    }
}

/// A TCP socket on 127.0.0.1 that listens (the kernel completes every handshake) and never reads,
/// accepts or answers: the server that hangs. Closing it refuses new connections.
final class SilentServer: @unchecked Sendable {
    let fd: Int32
    let port: Int

    /// Binds `port` (0: a free one).
    init(port: Int = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EADDRINUSE)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func close() { Glibc.close(fd) }
}
