/// Makes text that may come from a server (GPU names, node errors, filenames) safe to print on a
/// terminal: a hostile or broken server must not be able to move the cursor, retitle the window,
/// write a hyperlink or reorder what the user reads, so control characters are shown, not obeyed.
public enum TerminalText {
    /// `text` with every C0 control except newline and tab, DEL, every C1 control and the Unicode
    /// bidirectional overrides/isolates replaced by a visible `\u{…}` escape.
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00..<0x20, 0x7F..<0xA0: return true
        // LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: "Trojan Source" reordering.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
