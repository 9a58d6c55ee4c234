#pragma once
// What a header probe learns about an image without decoding its pixels.

#include "core/ingest/image_format.h"

#include <optional>
#include <string>
#include <vector>

namespace pixmark::ingest {

/// A DICOM VOI window (center/width in rescaled units, e.g. Hounsfield).
struct Window {
    double center = 0;
    double width = 0;
};

struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    int width = 0;          ///< as displayed, after EXIF orientation
    int height = 0;
    int storedWidth = 0;    ///< as stored in the file
    int storedHeight = 0;
    int frames = 1;         ///< TIFF pages, DICOM frames
    int bitsPerSample = 8;  ///< 8 or 16 for raster formats; DICOM: bits stored (1..16)
    int channels = 1;       ///< 1 gray, 3 RGB, 4 RGBA (as decoded)
    int orientation = 1;    ///< EXIF orientation 1..8; 1 means none

    // DICOM only.
    std::string photometric;          ///< MONOCHROME1, MONOCHROME2, RGB, PALETTE COLOR, YBR_FULL...
    std::string transferSyntaxUid;
    std::string transferSyntaxName;   ///< "JPEG Lossless, Non-Hierarchical, First-Order Prediction"
    bool signedPixels = false;        ///< Pixel Representation 1
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
    std::vector<Window> windows;      ///< from the file, first is the default

    /// Width * height * frames, the figure the pixel limit is checked against.
    std::int64_t pixelCount() const { return std::int64_t{storedWidth} * storedHeight * frames; }
};

} // namespace pixmark::ingest
