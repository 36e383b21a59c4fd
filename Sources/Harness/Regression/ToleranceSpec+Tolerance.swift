import ComfyImage

extension ToleranceSpec {
    /// The ComfyImage tolerance this scenario setting stands for.
    public var tolerance: Tolerance {
        switch self {
        case .identical: return .identical
        case .equivalent: return .equivalent
        case .custom(let limits):
            return .custom(
                psnrMin: limits.psnrMin, ssimMin: limits.ssimMin, worstTileSSIMMin: limits.tileSSIMMin,
                changedTileRatioMax: limits.changedTilesMax)
        }
    }
}
