import ComfyImage
import Foundation

/// `manifest.json` of a baseline folder: where each accepted image came from (environment,
/// workflow hash, seed) and what it looked like (pixel digest, metrics at acceptance).
public struct BaselineManifest: Sendable, Codable, Equatable {
    /// Bumped when a field changes meaning; other versions are refused with a hint, never guessed at.
    public static let currentVersion = 1
    public static let fileName = "manifest.json"

    public var version: Int
    public var scenario: String
    public var updatedAt: String
    /// The server the images were accepted from (GPU, ComfyUI and PyTorch versions).
    public var environment: EnvironmentFingerprint?
    public var workflows: [String: Workflow]

    /// One workflow's accepted images.
    public struct Workflow: Sendable, Codable, Equatable {
        /// `WorkflowHash` of the prompt with seeds normalized: tells a changed workflow from a changed server.
        public var hash: String
        public var seeds: [Int]
        public var images: [Image]

        public init(hash: String, seeds: [Int], images: [Image]) {
            self.hash = hash
            self.seeds = seeds
            self.images = images
        }
    }

    /// One accepted image, by harness-chosen path relative to the baseline folder.
    public struct Image: Sendable, Codable, Equatable {
        public var seed: Int?
        public var index: Int
        public var file: String
        public var width: Int
        public var height: Int
        /// `PixelDigest` hex: an equal actual image is IDENTICAL without decoding.
        public var digest: String
        /// The comparison with the previous baseline when this image was approved (nil when recorded fresh).
        public var metricsAtAcceptance: ImageDiffMetrics?
        public var verdictAtAcceptance: ImageVerdict?

        public init(
            seed: Int?, index: Int, file: String, width: Int, height: Int, digest: String,
            metricsAtAcceptance: ImageDiffMetrics? = nil, verdictAtAcceptance: ImageVerdict? = nil
        ) {
            self.seed = seed
            self.index = index
            self.file = file
            self.width = width
            self.height = height
            self.digest = digest
            self.metricsAtAcceptance = metricsAtAcceptance
            self.verdictAtAcceptance = verdictAtAcceptance
        }
    }

    public init(scenario: String, environment: EnvironmentFingerprint?, workflows: [String: Workflow] = [:]) {
        version = Self.currentVersion
        self.scenario = scenario
        updatedAt = ISO8601DateFormatter().string(from: Date())
        self.environment = environment
        self.workflows = workflows
    }

    /// The images of `workflow` for `seed`, by index.
    public func images(workflow: String, seed: Int?) -> [Image] {
        (workflows[workflow]?.images ?? []).filter { $0.seed == seed }.sorted { $0.index < $1.index }
    }

    /// Reads and checks `<folder>/manifest.json`; every problem names the file and what to do.
    public static func read(folder: String) throws -> BaselineManifest {
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: folder) else {
            throw HarnessError.io(
                path: folder, reason: "no baseline folder",
                hint: "record baselines first: comfy-harness baseline record <scenario.yaml>")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HarnessError.io(
                path: path, reason: "no baseline manifest",
                hint: "record baselines with `comfy-harness baseline record <scenario.yaml>`")
        }
        struct VersionOnly: Decodable { var version: Int? }
        guard let probe = try? JSONDecoder().decode(VersionOnly.self, from: data) else {
            throw HarnessError.io(
                path: path, reason: "not a JSON baseline manifest",
                hint: "restore it from version control or record the baselines again")
        }
        guard probe.version == currentVersion else {
            throw HarnessError.io(
                path: path,
                reason: "manifest version \(probe.version.map(String.init) ?? "missing"), this harness reads version \(currentVersion)",
                hint: "record the baselines again with this harness (comfy-harness baseline record)")
        }
        do {
            return try decoder.decode(BaselineManifest.self, from: data)
        } catch {
            throw HarnessError.io(
                path: path, reason: "unreadable baseline manifest: \(error)",
                hint: "restore it from version control or record the baselines again")
        }
    }

    /// Writes `<folder>/manifest.json` atomically, keys sorted so diffs in review stay small.
    public func write(folder: String) throws {
        let path = folder + "/" + Self.fileName
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw HarnessError.io(path: path, reason: "cannot write the manifest: \(error)", hint: "check that the folder is writable")
        }
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
