import Foundation

/// Removes `user:password@` from URLs before they are shown anywhere.
enum URLRedaction {
    static func redact(_ url: String) -> String {
        // Most URLs carry no credentials: one byte scan instead of the searches below.
        guard url.utf8.contains(UInt8(ascii: "@")) else { return url }
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        guard let at = afterScheme[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<schemeEnd.upperBound]) + "<redacted>@" + String(url[url.index(after: at)...])
    }
}
