/// Output names a hostile or broken server might report in `/history`: each tries to make a client
/// that trusts them write outside its folder, break a terminal or a page, or overflow a path.
public enum HostileNames {
    /// `(subfolder, filename)` pairs, used in turn.
    public static let all: [(subfolder: String, filename: String)] = [
        ("", "../../../../../../tmp/comfy-harness-escape.png"),
        ("../../../../../../tmp", "comfy-harness-escape-sub.png"),
        ("", "/tmp/comfy-harness-absolute.png"),
        ("/etc", "comfy-harness-absolute-sub.png"),
        ("", "nul\u{0}byte.png"),
        ("", String(repeating: "L", count: 300) + ".png"),
        ("", "<img src=x onerror=alert(1)>\u{1B}]0;pwned\u{07}.png"),
        ("..", ".."),
    ]

    static func pick(_ counter: Int) -> (subfolder: String, filename: String) {
        all[(counter - 1) % all.count]
    }
}
