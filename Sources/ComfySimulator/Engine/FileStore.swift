/// The simulated input/output/temp folders, kept in memory with a byte cap (oldest files evicted first).
struct FileStore: Sendable {
    struct Key: Hashable, Sendable {
        let type: String
        let subfolder: String
        let filename: String
    }

    private var files: [Key: [UInt8]] = [:]
    private var order: [Key] = []
    private var totalBytes = 0
    private var counters: [String: Int] = [:]
    let capBytes: Int

    init(capBytes: Int) { self.capBytes = capBytes }

    func read(_ key: Key) -> [UInt8]? { files[key] }

    func exists(_ key: Key) -> Bool { files[key] != nil }

    mutating func write(_ key: Key, _ bytes: [UInt8]) {
        if let old = files[key] {
            totalBytes -= old.count
            order.removeAll { $0 == key }
        }
        files[key] = bytes
        order.append(key)
        totalBytes += bytes.count
        // Uploaded inputs are never evicted: prompts reference them by name.
        var scan = 0
        while totalBytes > capBytes, scan < order.count {
            let candidate = order[scan]
            if candidate.type == "input" || candidate == key {
                scan += 1
                continue
            }
            order.remove(at: scan)
            totalBytes -= files.removeValue(forKey: candidate)?.count ?? 0
        }
    }

    /// The next `<prefix>_<counter:05>_.png` counter for a folder+prefix (ComfyUI scans the folder for it).
    mutating func nextCounter(type: String, subfolder: String, prefix: String) -> Int {
        let key = "\(type)/\(subfolder)/\(prefix)"
        let next = (counters[key] ?? 0) + 1
        counters[key] = next
        return next
    }

    /// Names of uploaded input files, as LoadImage lists them ("sub/name" for subfolders).
    var inputNames: [String] {
        order.filter { $0.type == "input" }.map {
            $0.subfolder.isEmpty ? $0.filename : "\($0.subfolder)/\($0.filename)"
        }
        .sorted()
    }
}
