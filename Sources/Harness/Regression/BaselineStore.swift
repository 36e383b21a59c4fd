import ComfyImage
import Foundation

/// Writes accepted images into a baseline folder (`<workflow>/seed-<seed>/<n>.png`, harness-chosen
/// names) and keeps its `manifest.json` in step.
public struct BaselineStore: Sendable {
    /// One image to accept: its source PNG and, when it came from a compared run, that comparison.
    public struct Candidate: Sendable {
        public var workflow: String
        public var seed: Int?
        public var index: Int
        public var source: String
        public var metrics: ImageDiffMetrics?
        public var verdict: ImageVerdict?

        public init(workflow: String, seed: Int?, index: Int, source: String, metrics: ImageDiffMetrics? = nil, verdict: ImageVerdict? = nil) {
            self.workflow = workflow
            self.seed = seed
            self.index = index
            self.source = source
            self.metrics = metrics
            self.verdict = verdict
        }
    }

    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Replaces, for every (workflow, seed) among `candidates`, the manifest's images with them;
    /// other entries are kept. Every PNG is decoded-checked first so a corrupt file is never accepted.
    @discardableResult
    public func accept(
        _ candidates: [Candidate], into manifest: BaselineManifest, hashes: [String: String], environment: EnvironmentFingerprint?
    ) throws -> BaselineManifest {
        var manifest = manifest
        // Manifests get committed: never carry URL credentials or secret flags into them.
        var environment = environment
        if let fingerprint = environment {
            environment?.server = SecretRedactor.redactURL(fingerprint.server)
            environment?.harnessArgv = SecretRedactor.redact(argv: fingerprint.harnessArgv)
        }
        manifest.environment = environment
        manifest.updatedAt = ISO8601DateFormatter().string(from: Date())
        // Groups in the candidates' order, so the manifest lists seeds as the scenario does.
        var order: [String] = []
        var groups: [String: [Candidate]] = [:]
        for candidate in candidates {
            let key = "\(candidate.workflow)\u{0}\(candidate.seed.map(String.init) ?? "")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(candidate)
        }
        for group in order.compactMap({ groups[$0] }) {
            let first = group[0]
            var entry = manifest.workflows[first.workflow] ?? .init(hash: hashes[first.workflow] ?? "", seeds: [], images: [])
            if let hash = hashes[first.workflow] { entry.hash = hash }
            for stale in entry.images where stale.seed == first.seed {
                try? FileManager.default.removeItem(atPath: folder + "/" + stale.file)
            }
            entry.images.removeAll { $0.seed == first.seed }
            for candidate in group.sorted(by: { $0.index < $1.index }) {
                entry.images.append(try store(candidate))
            }
            if let seed = first.seed, !entry.seeds.contains(seed) { entry.seeds.append(seed) }
            entry.images.sort { ($0.seed ?? -1, $0.index) < ($1.seed ?? -1, $1.index) }
            manifest.workflows[first.workflow] = entry
        }
        try manifest.write(folder: folder)
        return manifest
    }

    /// Copies one image in, after checking it decodes; returns its manifest entry.
    private func store(_ candidate: Candidate) throws -> BaselineManifest.Image {
        guard let bytes = FileManager.default.contents(atPath: candidate.source).map(Array.init) else {
            throw HarnessError.io(path: candidate.source, reason: "cannot read the image to accept", hint: "was the report folder moved or pruned?")
        }
        let header: PNGHeader
        let digest: PixelDigest
        do {
            header = try PNGDecoder.header(bytes, source: candidate.source)
            digest = try PixelDigest.of(bytes, source: candidate.source)
        } catch {
            throw HarnessError.io(path: candidate.source, reason: "not an acceptable PNG: \(error)", hint: "run the regression pass again")
        }
        let relative = OutputStore.path(workflow: candidate.workflow, seed: candidate.seed, index: candidate.index, under: ".")
            .dropFirst(2)
        let target = folder + "/" + relative
        do {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw HarnessError.io(path: target, reason: "cannot write the baseline image: \(error)", hint: "check that the folder is writable")
        }
        return .init(
            seed: candidate.seed, index: candidate.index, file: String(relative), width: header.width, height: header.height,
            digest: digest.description, metricsAtAcceptance: candidate.metrics, verdictAtAcceptance: candidate.verdict)
    }
}
