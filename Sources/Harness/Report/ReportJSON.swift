import Foundation

/// How every report file is encoded and read: sorted keys, unescaped slashes, and non-finite
/// numbers as strings ("inf" for the PSNR of identical images), so all files share one dialect.
enum ReportJSON {
    static func encode(_ value: some Encodable, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    /// Writes `value` atomically (a crash never leaves half a file); `what` names it in errors.
    static func write(_ value: some Encodable, to path: String, what: String) throws {
        do {
            try encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write \(what): \(error)", hint: "check that the folder is writable")
        }
    }

    /// Reads a `T` from `path`; the errors name the file, what it should have been, and what to do.
    static func read<T: Decodable>(_ type: T.Type, from path: String, what: String, hint: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError.io(path: path, reason: "cannot read the file", hint: hint)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(T.self, from: data)
        } catch {
            throw HarnessError.io(path: path, reason: "not a comfy-harness \(what): \(error)", hint: nil)
        }
    }
}
