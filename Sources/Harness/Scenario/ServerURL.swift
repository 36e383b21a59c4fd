import Foundation

/// Checks and normalizes server base URLs.
enum ServerURL {
    /// Why `text` is not a usable http(s) base URL, nil when it is.
    static func problem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "'\(text)' is not a URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "server URL '\(text)' must start with http:// or https://"
        }
        guard let host = components.host, !host.isEmpty else { return "server URL '\(text)' has no host" }
        return nil
    }

    /// Without the trailing slash, so routes can be appended as `/prompt`.
    static func normalized(_ text: String) -> String {
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
