/// How different an image may be from its baseline and still pass.
public enum ToleranceSpec: Sendable, Equatable {
    /// Every pixel equal.
    case identical
    /// Numerical drift only, with the default limits (`ToleranceLimits.equivalent`).
    case equivalent
    /// Numerical drift within these limits.
    case custom(ToleranceLimits)

    /// The limits to apply, nil for `identical`.
    public var limits: ToleranceLimits? {
        switch self {
        case .identical: return nil
        case .equivalent: return .equivalent
        case .custom(let limits): return limits
        }
    }
}
