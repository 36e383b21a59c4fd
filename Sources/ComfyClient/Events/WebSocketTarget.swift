/// Where a `ws://` or `wss://` URL points: host, port, TLS, and the request target of the upgrade.
struct WebSocketTarget: Equatable {
    var host: String
    var port: Int
    var tls: Bool
    /// The path and query sent in the upgrade request (`/ws?clientId=…`).
    var requestURI: String

    /// The host as a URL or a `Host` header writes it: an IPv6 literal in brackets.
    var bracketedHost: String { host.contains(":") ? "[\(host)]" : host }

    init(host: String, port: Int, tls: Bool, requestURI: String) {
        self.host = host
        self.port = port
        self.tls = tls
        self.requestURI = requestURI
    }

    /// Nil for anything but `ws://` or `wss://` with a host; credentials (`user:pass@`) are dropped.
    init?(url: String) {
        let tls: Bool
        let rest: Substring
        if url.hasPrefix("wss://") {
            tls = true
            rest = url.dropFirst(6)
        } else if url.hasPrefix("ws://") {
            tls = false
            rest = url.dropFirst(5)
        } else {
            return nil
        }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var path = String(rest[authorityEnd...])
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        if !path.hasPrefix("/") { path = "/" + path }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            // An IPv6 literal: [::1]:8188
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return nil }
        var port = tls ? 443 : 80
        if let portText {
            guard let parsed = Int(portText), (1...65535).contains(parsed) else { return nil }
            port = parsed
        }
        self.host = String(host)
        self.port = port
        self.tls = tls
        self.requestURI = path
    }
}
