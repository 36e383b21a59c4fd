import ComfyClient
import Foundation

/// A stable hash of a workflow's prompt JSON with every seed input set to 0, so the same workflow
/// hashes the same for every seed and a changed workflow is told apart from a changed server.
public enum WorkflowHash {
    public static func of(_ workflow: WorkflowSpec) -> String {
        let normalized = workflow.seedInputs.isEmpty ? workflow.prompt : WorkflowPreparer.prepare(workflow, seed: 0)
        return fnv1a(canonical(normalized))
    }

    /// JSON with sorted keys: dictionary order must not change the hash.
    static func canonical(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }

    /// Two 64-bit FNV-1a lanes (not cryptographic: this detects edits, it does not resist forgery).
    static func fnv1a(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return hex(a) + hex(b)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
