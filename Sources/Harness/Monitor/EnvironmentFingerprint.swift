import ComfyClient
import Foundation

/// What a result depends on besides the workflow: the GPU, the software versions and how the
/// server was started (the SD WebUI benchmark database's columns), captured at the start of a run.
public struct EnvironmentFingerprint: Sendable, Codable, Equatable {
    public var server: String
    public var gpu: String?
    public var deviceType: String?
    public var vramTotal: Int64?
    public var comfyUIVersion: String?
    public var pytorchVersion: String?
    public var pythonVersion: String?
    public var os: String?
    public var serverArgv: [String]?
    public var harnessVersion: String
    public var harnessArgv: [String]
    public var tlsVerification: Bool

    public init(server: String, stats: SystemStats?, tlsVerification: Bool) {
        self.server = server
        let device = stats?.devices.first
        gpu = device?.name
        deviceType = device?.type
        vramTotal = device.map { Int64($0.vramTotal) }
        comfyUIVersion = stats?.comfyUIVersion
        pytorchVersion = stats?.pytorchVersion
        pythonVersion = stats?.pythonVersion
        os = stats?.os
        serverArgv = stats?.argv
        harnessVersion = HarnessVersion.current
        harnessArgv = SecretRedactor.redact(argv: CommandLine.arguments)
        self.tlsVerification = tlsVerification
    }

    /// The fields that decide whether two runs' images may be held to pixel identity.
    public var identity: String {
        [gpu ?? "?", comfyUIVersion ?? "?", pytorchVersion ?? "?"].joined(separator: " | ")
    }
}

/// The harness's own version, reported by `--version` and stored in every report.
public enum HarnessVersion {
    public static let current = "0.1.0"
}

/// Keeps secrets out of anything written: argv values after `--auth`-like flags, and URL userinfo.
public enum SecretRedactor {
    private static let secretFlags: Set<String> = ["--auth", "--authorization", "--token", "--header", "-H"]

    /// Redacts a whole argv: the value after a secret flag, `--flag=value` forms and URL userinfo.
    public static func redact(argv: [String]) -> [String] {
        var result: [String] = []
        var hideNext = false
        for argument in argv {
            if hideNext {
                result.append("<redacted>")
                hideNext = false
                continue
            }
            hideNext = secretFlags.contains(argument)
            result.append(redactArgument(argument))
        }
        return result
    }

    /// Redacts one argv element: `--token=abc` → `--token=<redacted>`, `https://u:p@host` → `https://<redacted>@host`.
    public static func redactArgument(_ argument: String) -> String {
        if let eq = argument.firstIndex(of: "="), secretFlags.contains(String(argument[..<eq])) {
            return String(argument[...eq]) + "<redacted>"
        }
        return redactURL(argument)
    }

    /// Removes `user:password@` from a URL string.
    public static func redactURL(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].firstIndex(of: "@") else {
            return text
        }
        let hostStart = text[scheme.upperBound...].firstIndex(of: "/") ?? text.endIndex
        guard at < hostStart else { return text }
        return String(text[..<scheme.upperBound]) + "<redacted>" + String(text[at...])
    }
}
