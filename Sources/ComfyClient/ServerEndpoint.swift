import Foundation

/// Where a ComfyUI server lives and how to reach it: base URL, optional auth header, TLS trust, extra headers.
///
/// The `authorization` value is a secret: it is sent as the `Authorization` header and never appears in
/// `description`, `debugDescription`, logs or error messages.
public struct ServerEndpoint: Sendable, Hashable {
    /// The base URL without a trailing slash, e.g. `http://127.0.0.1:8188` or `https://gpu-box/comfy`.
    public var baseURL: String
    /// The full `Authorization` header value (e.g. `Bearer …`), read by the caller from an env var or a file.
    public var authorization: String?
    /// Skip TLS certificate verification (self-signed servers you trust).
    public var insecure: Bool
    /// Headers added to every HTTP request and to the WebSocket upgrade.
    public var extraHeaders: [String: String]

    /// Validates `url` (http or https, with a host) and normalises away a trailing slash.
    public init(
        url: String,
        authorization: String? = nil,
        insecure: Bool = false,
        extraHeaders: [String: String] = [:]
    ) throws {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("://") else {
            let reason =
                trimmed.isEmpty ? "not a URL" : "the scheme is missing; use http://\(trimmed) or https://\(trimmed)"
            throw ComfyClientError.invalidEndpoint(url: URLRedaction.redact(url), reason: reason)
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw ComfyClientError.invalidEndpoint(url: URLRedaction.redact(url), reason: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw ComfyClientError.invalidEndpoint(
                url: URLRedaction.redact(url),
                reason: "scheme '\(scheme)' is not supported; use http:// or https://"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw ComfyClientError.invalidEndpoint(url: URLRedaction.redact(url), reason: "the URL has no host")
        }
        guard components.query == nil, components.fragment == nil else {
            throw ComfyClientError.invalidEndpoint(
                url: URLRedaction.redact(url),
                reason: "a server URL takes no query or fragment"
            )
        }
        // `contains("\n")` would miss "\r\n", which Swift reads as one Character: test every character.
        let badName: (Character) -> Bool = { $0 == ":" || $0 == " " || $0.isNewline }
        for name in extraHeaders.keys where name.isEmpty || name.contains(where: badName) {
            throw ComfyClientError.invalidEndpoint(url: URLRedaction.redact(url), reason: "bad header name '\(name)'")
        }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.authorization = authorization
        self.insecure = insecure
        self.extraHeaders = extraHeaders
    }

    /// The base URL for showing and recording: `user:password@` replaced by `<redacted>@`.
    public var displayURL: String { URLRedaction.redact(baseURL) }

    /// `baseURL` + `path` (which should start with `/`) + a percent-encoded query.
    public func url(_ path: String, query: [(String, String)] = []) -> String {
        let slashPath = path.hasPrefix("/") ? path : "/" + path
        guard !query.isEmpty else { return baseURL + slashPath }
        let encoded = query.map { "\(Self.encodeQuery($0.0))=\(Self.encodeQuery($0.1))" }.joined(separator: "&")
        return baseURL + slashPath + "?" + encoded
    }

    /// The `/ws` URL for `clientID`, with `ws://` for `http://` and `wss://` for `https://`.
    public func webSocketURL(clientID: String) -> String {
        let wsBase: String
        if baseURL.lowercased().hasPrefix("https://") {
            wsBase = "wss://" + baseURL.dropFirst("https://".count)
        } else {
            wsBase = "ws://" + baseURL.dropFirst("http://".count)
        }
        return wsBase + "/ws?clientId=" + Self.encodeQuery(clientID)
    }

    /// The headers every request carries: extra headers, then Authorization (which wins over an extra one).
    var requestHeaders: [(String, String)] {
        var headers = extraHeaders.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let authorization {
            headers.removeAll { $0.0.lowercased() == "authorization" }
            headers.append(("Authorization", authorization))
        }
        return headers
    }

    /// `text` with the authorization value, and its credential part after the scheme, replaced by `<redacted>`.
    func redactingSecrets(in text: String) -> String {
        guard let authorization, !authorization.isEmpty else { return text }
        var result = text.replacingOccurrences(of: authorization, with: "<redacted>")
        if let space = authorization.firstIndex(of: " ") {
            let credential = authorization[authorization.index(after: space)...].trimmingCharacters(in: .whitespaces)
            if credential.count >= 4 { result = result.replacingOccurrences(of: credential, with: "<redacted>") }
        }
        return result
    }

    /// Percent-encodes a query component: unreserved characters stay, everything else (incl. `&=+/`) is escaped.
    static func encodeQuery(_ value: String) -> String {
        // Prompt ids, client ids and most file names need no escaping: skip Foundation (a CharacterSet
        // walk per call was visible in the driver's profile).
        if value.utf8.allSatisfy(isUnreserved) { return value }
        return value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? value
    }

    private static let queryAllowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

extension ServerEndpoint: CustomStringConvertible, CustomDebugStringConvertible {
    /// The base URL (credentials in it redacted) and whether auth is set, never the auth value.
    public var description: String {
        var text = URLRedaction.redact(baseURL)
        if authorization != nil { text += " (authorization: <redacted>)" }
        if insecure { text += " (insecure TLS)" }
        return text
    }

    public var debugDescription: String {
        "ServerEndpoint(\(description), extraHeaders: \(extraHeaders.keys.sorted()))"
    }
}
