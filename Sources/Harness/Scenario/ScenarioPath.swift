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
