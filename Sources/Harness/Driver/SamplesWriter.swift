import ComfyClient
import Foundation

/// Appends one JSON line per finished prompt to `samples.jsonl`, written and flushed as each
/// prompt completes, so a crash loses at most what was in flight and `report` can rebuild
/// everything from the file alone.
public actor SamplesWriter {
    private let handle: FileHandle
    public let path: String
    public private(set) var lines = 0

    /// Opens `path` for appending; `truncate` (a new run) starts it empty, so a reused `--output`
    /// folder never mixes two runs' samples.
    public init(path: String, truncate: Bool = true) throws {
        self.path = path
        if truncate || !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                let cause = errno
                let hint = cause == EMFILE || cause == ENFILE
                    ? "the process is out of file descriptors: raise ulimit -n" : "check that the folder is writable"
                throw HarnessError.io(path: path, reason: "cannot create the file: \(String(cString: strerror(cause)))", hint: hint)
            }
            Glibc.close(descriptor)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw HarnessError.io(path: path, reason: "cannot open the file for writing", hint: "check its permissions")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Writes the record as one line. The line is built whole before a single write, so an
    /// interrupted process leaves either the full line or nothing.
    public func append(_ record: PromptRecord) throws {
        var line = record.jsonLine()
        line.append(0x0A)
        try handle.write(contentsOf: line)
        lines += 1
    }

    public func close() {
        try? handle.synchronize()
        try? handle.close()
    }

    /// Reads every complete line of a samples file; a torn last line (a crash mid-write) is skipped
    /// and reported through `skipped`.
    public static func read(path: String) throws -> (records: [PromptRecord], skipped: Int) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError.io(path: path, reason: "cannot read the file", hint: "pass a run folder or its samples.jsonl")
        }
        var records: [PromptRecord] = []
        var skipped = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if let record = PromptRecord.decodeLine(Data(line)) {
                records.append(record)
            } else {
                skipped += 1
            }
        }
        return (records, skipped)
    }
}
