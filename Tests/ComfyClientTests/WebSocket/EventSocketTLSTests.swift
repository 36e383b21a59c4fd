import Foundation
import Testing

@testable import ComfyClient

/// `wss://` through libcurl's TLS, against a loopback server with a throwaway self-signed certificate
/// (`Support/tls_ws_server.py`): `--insecure` connects and reads events; without it the certificate is
/// refused with a reason that says what to do.
@Suite(.serialized) struct EventSocketTLSTests {
    /// The Python server and its temporary certificate; `stop()` ends both.
    ///
    /// Started with `posix_spawnp` and ended with SIGKILL: a child spawned from a dispatch worker
    /// inherits its blocked signal mask, so SIGTERM would wait forever.
    final class Server {
        let directory: URL
        let port: Int
        private var pid: pid_t = 0

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("wss-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let cert = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let openssl = try Self.spawn([
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "2",
                "-keyout", key, "-out", cert,
            ])
            var status: Int32 = 0
            waitpid(openssl, &status, 0)
            try #require(status == 0, "openssl could not make a test certificate")
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Support/tls_ws_server.py")
            let portFile = directory.appendingPathComponent("port")
            pid = try Self.spawn(["python3", script.path, cert, key, portFile.path])
            var text = ""
            for _ in 0..<500 where text.isEmpty {
                text = (try? String(contentsOf: portFile, encoding: .utf8)) ?? ""
                if text.isEmpty { usleep(10_000) }
            }
            port = Int(text) ?? 0
            if port == 0 { stop() }
            try #require(port > 0, "the TLS test server did not start (python3 \(script.path))")
        }

        /// Starts `arguments` (looked up on PATH) with stdout and stderr sent to /dev/null.
        static func spawn(_ arguments: [String]) throws -> pid_t {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = arguments.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            let result = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
            try #require(result == 0, "could not start \(arguments[0]): \(String(cString: strerror(result)))")
            return pid
        }

        func stop() {
            if pid > 0 {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
                pid = 0
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func stream(port: Int, insecure: Bool) throws -> ComfyEventStream {
        ComfyEventStream(
            endpoint: try ServerEndpoint(url: "https://127.0.0.1:\(port)", insecure: insecure), clientID: "c",
            reconnect: ReconnectPolicy(
                initialDelay: .milliseconds(10), maxDelay: .milliseconds(10), maxConsecutiveFailures: 1),
            clientFeatureFlags: nil)
    }

    @Test("with --insecure, wss:// upgrades over TLS and delivers events")
    func insecureConnects() async throws {
        let server = try Server()
        defer { server.stop() }
        let stream = try Self.stream(port: server.port, insecure: true)
        stream.start()
        let updates = try await EventSocketProtocolTests.updates(stream) {
            if case .event = $0 { return true } else { return false }
        }
        await stream.stop()
        guard case .event(let received)? = updates.last, case .status(let remaining, let sid) = received.event else {
            Issue.record("expected the status event, got \(updates)")
            return
        }
        #expect(remaining == 7 && sid == "tls" && updates.count == 2)
    }

    @Test("without --insecure, a self-signed certificate is refused, naming the URL and what to do")
    func untrustedCertificateIsRefused() async throws {
        let server = try Server()
        defer { server.stop() }
        let stream = try Self.stream(port: server.port, insecure: false)
        stream.start()
        let updates = try await EventSocketProtocolTests.updates(stream, until: EventSocketProtocolTests.isDisconnect)
        await stream.stop()
        let reason = EventSocketProtocolTests.reason(updates)
        #expect(reason.contains("TLS failed for wss://127.0.0.1:\(server.port)/ws?clientId=c"), "\(reason)")
        #expect(reason.contains("--insecure"), "\(reason)")
        #expect(updates.count == 1)
    }
}
