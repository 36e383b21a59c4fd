import Testing

@testable import Harness

/// Mann-Whitney U against reference values from SciPy's `mannwhitneyu(..., method="asymptotic")`.
@Suite("Mann-Whitney U")
struct MannWhitneyTestTests {
    @Test("shifted samples with ties match SciPy (U 12.5, p 0.005075)")
    func shifted() {
        let test = MannWhitneyTest(Array(1...10).map(Double.init), Array(6...15).map(Double.init))
        #expect(test.u == 12.5)
        #expect(abs(test.pValue - 0.005075392315273923) < 1e-9)
        #expect(test.effect < 0.5)
    }

    @Test("heavy ties match SciPy (U 8.5, p 0.02541)")
    func ties() {
        let test = MannWhitneyTest([1, 1, 2, 2, 3, 3, 4], [2, 3, 3, 4, 5, 5, 6, 6])
        #expect(test.u == 8.5)
        #expect(abs(test.pValue - 0.025414962900292104) < 1e-9)
    }

    @Test("identical samples, all-equal values and empty samples give p = 1")
    func noDifference() {
        #expect(MannWhitneyTest([1, 2, 3], [1, 2, 3]).pValue == 1)
        #expect(MannWhitneyTest([5, 5, 5], [5, 5]).pValue == 1)
        #expect(MannWhitneyTest([], [1, 2]).pValue == 1)
    }
}
