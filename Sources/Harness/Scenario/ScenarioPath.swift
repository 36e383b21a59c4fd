import Foundation

/// Paths written in a scenario are relative to the scenario file, not to the working directory.
enum ScenarioPath {
    /// `relative` joined to the folder of `scenarioPath`, with `.` and `x/..` removed; absolute paths and `~` as is.
    static func resolve(_ relative: String, against scenarioPath: String) -> String {
        if relative.hasPrefix("/") { return relative }
        if relative.hasPrefix("~") { return (relative as NSString).expandingTildeInPath }
        let folder = (scenarioPath as NSString).deletingLastPathComponent
        return normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// Removes `.` parts and folds `name/..`, keeping leading `..` of a relative path.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if !(part == ".." && absolute && parts.isEmpty) {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}

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
