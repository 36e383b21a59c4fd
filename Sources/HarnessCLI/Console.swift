import Foundation
import Harness

/// The only way the commands write human-readable text: everything passes `TerminalText.safe`,
/// because tables and messages carry strings a server chose. JSON output (`--json`) is printed
/// as is; its encoder already escapes control characters.
enum Console {
    static func out(_ text: String) {
        // Written at once, unbuffered: a long-running command (`simulate`) is often read through a pipe.
        FileHandle.standardOutput.write(Data((TerminalText.safe(text) + "\n").utf8))
    }

    static func json(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(text) + "\n").utf8))
    }
}
