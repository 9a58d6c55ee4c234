#pragma once
// A point in original image pixels, as the canvases hand mouse positions to core's editing
// logic: (0, 0) is the top-left corner of the top-left pixel, (w, h) the bottom-right corner
// of the image.

namespace pixmark::editing {

/// A position in image pixels; fractions are inside a pixel.
struct ImagePoint {
    double x = 0;
    double y = 0;

    bool operator==(const ImagePoint&) const = default;
};

} // namespace pixmark::editing
