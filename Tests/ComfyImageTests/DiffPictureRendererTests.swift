import Testing

@testable import ComfyImage

/// Diff pictures: pixelmatch's red-on-faded-grey view and the drift heat map.
@Suite struct DiffPictureRendererTests {
    @Test func differingPixelsAreRedTheRestFadedGrey() {
        let base = RGBAImage(width: 40, height: 30, fill: (0, 0, 0, 255))
        var actual = base
        actual.pixels[(5 * 40 + 7) * 4] = 255
        actual.pixels[(20 * 40 + 30) * 4 + 1] = 3  // below the threshold: stays grey
        let metrics = ImageComparator.compare(base, actual).metrics
        let picture = DiffPictureRenderer.render(baseline: base, actual: actual, metrics: metrics)
        #expect(picture.width == 40 && picture.height == 30)
        #expect(picture[7, 5] == [255, 0, 0, 255])
        #expect(picture[30, 20] == [230, 230, 230, 255])  // black faded to 10% over white
        #expect(picture[0, 29] == [230, 230, 230, 255])
        #expect(picture[5, 3] == [255, 140, 0, 255])  // region outline, 2 px outside the changed pixel
    }

    @Test func sizeMismatchMarksTheUncoveredPart() {
        let picture = DiffPictureRenderer.render(
            baseline: RGBAImage(width: 4, height: 4), actual: RGBAImage(width: 6, height: 4), metrics: nil)
        #expect(picture.width == 6 && picture[5, 0] == [255, 0, 0, 255] && picture[0, 0] == [230, 230, 230, 255])
    }

    @Test func heatMapScalesTheLargestDriftToWhite() {
        let base = RGBAImage(width: 8, height: 8, fill: (100, 100, 100, 255))
        var actual = base
        actual.pixels[0] = 101
        actual.pixels[4 * 9 + 2] = 98
        let heat = DiffPictureRenderer.heatMap(baseline: base, actual: actual)
        #expect(heat[1, 1] == [255, 255, 255, 255])  // |Δ| 2 = the maximum
        #expect(heat[0, 0][0] > 0 && heat[0, 0][2] < 255)  // |Δ| 1: warm, not white
        #expect(heat[3, 3] == [0, 0, 0, 255])
    }
}
