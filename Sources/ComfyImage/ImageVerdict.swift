/// The regression verdict for one output image.
public enum ImageVerdict: String, Sendable, Codable, CaseIterable {
    /// Every pixel equal.
    case identical = "IDENTICAL"
    /// Numerical drift only, within the tolerance.
    case equivalent = "EQUIVALENT"
    /// Outside the tolerance (see `ImageVerdictResult.composition`).
    case regressed = "REGRESSED"
    /// Width or height differ (or the image count, decided by the caller).
    case layout = "LAYOUT"
    /// The actual image (or the baseline) is not there.
    case missing = "MISSING"

    /// IDENTICAL and EQUIVALENT pass; the rest fail the regression check.
    public var passes: Bool { self == .identical || self == .equivalent }
}

/// For a REGRESSED image: is it the same picture changed locally, or another picture altogether?
public enum Composition: String, Sendable, Codable {
    case sameComposition = "same composition"
    case differentImage = "different image"
}
