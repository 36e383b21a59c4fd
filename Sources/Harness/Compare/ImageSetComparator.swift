import ComfyImage
import Foundation

/// Compares the PNGs two run folders kept (regression outputs, wherever under the folder they are),
/// matched by relative path, on decoded pixels: file bytes differ run to run through metadata.
enum ImageSetComparator {
    static func compare(_ folderA: String, _ folderB: String) -> [RunComparison.ImageDifference] {
        let left = pngs(under: folderA), right = pngs(under: folderB)
        guard !left.isEmpty || !right.isEmpty else { return [] }
        return Set(left).union(right).sorted().map { path in
            guard left.contains(path) else { return .init(status: "only in B", path: path) }
            guard right.contains(path) else { return .init(status: "only in A", path: path) }
            do {
                let imageA = try PNGDecoder.decodeFile(folderA + "/" + path)
                let imageB = try PNGDecoder.decodeFile(folderB + "/" + path)
                guard imageA.width == imageB.width && imageA.height == imageB.height else {
                    return .init(status: "size differs", path: path, detail: "\(imageA.width)×\(imageA.height) vs \(imageB.width)×\(imageB.height)")
                }
                let metrics = ImageComparator.compare(imageA, imageB).metrics
                let same = metrics.maxAbsDiff == 0
                return .init(
                    status: same ? "identical" : "different", path: path, differingPixels: metrics.differingPixels,
                    maxAbsDiff: metrics.maxAbsDiff, psnr: metrics.psnr.isFinite ? metrics.psnr : nil, ssimMean: metrics.ssimMean)
            } catch {
                return .init(status: "unreadable", path: path, detail: "\(error)")
            }
        }
    }

    /// Relative paths of every .png under `folder`.
    static func pngs(under folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var found: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.lowercased().hasSuffix(".png") { found.append(path) }
        }
        return found
    }
}
