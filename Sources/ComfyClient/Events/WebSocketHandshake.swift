import Foundation

/// The client side of the RFC 6455 opening handshake: the upgrade request, and the check of the
/// server's reply (status 101, `Upgrade: websocket`, and the `Sec-WebSocket-Accept` that proves the
/// reply answers this request rather than coming from a cache or a confused proxy).
struct WebSocketHandshake {
    /// What the reply bytes read so far amount to.
    enum Reply: Equatable {
        /// The header block is not complete yet.
        case incomplete
        /// Upgraded; the frames start `headerLength` bytes in (the server may send them with the 101).
        case accepted(headerLength: Int)
        /// Anything else, with a reason a user can act on (without the URL: the caller adds it).
        case refused(String)
    }

    /// Replies with a header block longer than this are refused (a server answering with a page, not a 101).
    static let maxHeaderBytes = 16 * 1024

    /// The base64 of 16 random bytes, sent as `Sec-WebSocket-Key`.
    let key: String

    init(key: String? = nil) {
        if let key {
            self.key = key
        } else {
            var generator = SystemRandomNumberGenerator()
            self.key = Data((0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
                .base64EncodedString()
        }
    }

    /// The accept value a server must answer `key` with.
    static func acceptValue(for key: String) -> String {
        Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }

    /// The upgrade request for `target`, with the endpoint's extra headers (CR and LF removed from values).
    func request(for target: WebSocketTarget, headers: [(String, String)]) -> [UInt8] {
        let defaultPort = target.tls ? 443 : 80
        let hostName = target.bracketedHost
        let host = target.port == defaultPort ? hostName : "\(hostName):\(target.port)"
        var text = "GET \(target.requestURI) HTTP/1.1\r\nHost: \(host)\r\n"
        text += "Origin: \(target.tls ? "https" : "http")://\(hostName)\r\n"
        text +=
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: \(key)\r\n"
        for (name, value) in headers {
            text += "\(name): \(value.filter { !$0.isNewline })\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    /// Reads the reply received so far.
    func reply(_ bytes: UnsafeRawBufferPointer) -> Reply {
        guard let end = Self.headerEnd(bytes) else {
            return bytes.count > Self.maxHeaderBytes
                ? .refused("the upgrade reply had no end of headers within \(Self.maxHeaderBytes) bytes") : .incomplete
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            return .refused("the upgrade reply is not HTTP (\(statusLine.prefix(60)))")
        }
        guard status == 101 else {
            return .refused(
                "the server refused the WebSocket upgrade (HTTP \(status)): not ComfyUI, a proxy without WebSocket "
                    + "support, or a 403 from an Origin/Host mismatch")
        }
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard fields["upgrade"]?.lowercased() == "websocket" else {
            return .refused("the 101 reply did not upgrade to websocket (Upgrade: \(fields["upgrade"] ?? "missing"))")
        }
        guard fields["sec-websocket-accept"] == Self.acceptValue(for: key) else {
            return .refused(
                "the 101 reply's Sec-WebSocket-Accept does not answer this request (a proxy or cache in between?)")
        }
        return .accepted(headerLength: end + 4)
    }

    /// The offset of the blank line's `\r\n\r\n`, or nil.
    private static func headerEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }
}
