import Foundation
import Testing

@testable import ComfyClient

/// The opening handshake: the request a server sees, and which replies open the socket.
@Suite struct WebSocketHandshakeTests {
    static func reply(_ text: String, key: String = "dGhlIHNhbXBsZSBub25jZQ==") -> WebSocketHandshake.Reply {
        Array(text.utf8).withUnsafeBytes { WebSocketHandshake(key: key).reply($0) }
    }

    static let accepted =
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"

    @Test("SHA-1 matches the FIPS 180 vectors and RFC 6455's example")
    func sha1() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(hex(SHA1.digest(Array(twoBlocks.utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(WebSocketHandshake.acceptValue(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test("the upgrade request names the host, the path, the key and the endpoint's headers")
    func request() throws {
        let handshake = WebSocketHandshake(key: "k")
        let target = try #require(WebSocketTarget(url: "ws://[::1]:8188/ws?clientId=c"))
        let text = String(
            decoding: handshake.request(for: target, headers: [("Authorization", "Bearer a\r\nX: y")]), as: UTF8.self)
        #expect(text.hasPrefix("GET /ws?clientId=c HTTP/1.1\r\nHost: [::1]:8188\r\n"))
        #expect(
            text.contains(
                "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: k\r\n"
            ))
        #expect(text.contains("\r\nAuthorization: Bearer aX: y\r\n"), "CR/LF in a header value must not start a header")
        #expect(text.hasSuffix("\r\n\r\n"))
        let tls = try #require(WebSocketTarget(url: "wss://comfy.example/ws"))
        let second = String(decoding: handshake.request(for: tls, headers: []), as: UTF8.self)
        #expect(second.contains("Host: comfy.example\r\nOrigin: https://comfy.example\r\n"))
    }

    @Test("a 101 with the right accept opens; the frames after it are left for the parser")
    func accepts() {
        #expect(Self.reply(Self.accepted) == .accepted(headerLength: Self.accepted.utf8.count))
        #expect(Self.reply(Self.accepted + "\u{81}\u{0}") == .accepted(headerLength: Self.accepted.utf8.count))
        #expect(Self.reply(String(Self.accepted.dropLast(2))) == .incomplete)
        let spaced = Self.accepted.replacingOccurrences(of: "Upgrade: websocket", with: "upgrade:   WebSocket ")
        #expect(Self.reply(spaced) == .accepted(headerLength: spaced.utf8.count))
    }

    @Test("refusals, wrong accepts and non-HTTP replies are refused with a reason")
    func refuses() {
        func reason(_ reply: WebSocketHandshake.Reply) -> String {
            if case .refused(let why) = reply { return why }
            return "not refused: \(reply)"
        }
        #expect(reason(Self.reply("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")).contains("HTTP 403"))
        #expect(reason(Self.reply(Self.accepted, key: "another")).contains("Sec-WebSocket-Accept"))
        let noUpgrade = Self.accepted.replacingOccurrences(of: "Upgrade: websocket\r\n", with: "")
        #expect(reason(Self.reply(noUpgrade)).contains("Upgrade: missing"))
        #expect(reason(Self.reply("SSH-2.0-OpenSSH\r\n\r\n")).contains("not HTTP"))
        let endless =
            "HTTP/1.1 101 Switching Protocols\r\n" + String(repeating: "X-Padding: 0123456789\r\n", count: 800)
        #expect(reason(Self.reply(endless)).contains("no end of headers"))
    }
}
