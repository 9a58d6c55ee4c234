#pragma once
// Pixels as handed to the display, thumbnails and the training cache.

#include <cstdint>
#include <vector>

namespace pixmark::ingest {

/// Interleaved pixels, rows top to bottom, RGB(A) order, EXIF orientation applied.
/// Exactly one of samples8 / samples16 is filled, as bitDepth says.
struct DecodedImage {
    int width = 0;
    int height = 0;
    int channels = 0;    ///< 1, 3 or 4
    int bitDepth = 8;    ///< 8 or 16
    bool signedSamples = false; ///< 16-bit DICOM with Pixel Representation 1: read samples16 as int16
    std::vector<std::uint8_t> samples8;
    std::vector<std::uint16_t> samples16;

    bool empty() const { return width == 0 || height == 0; }
};

} // namespace pixmark::ingest
