#pragma once
// Drawing assists that look at the pixels (OpenCV, no Qt): GrabCut inside a box and a
// magic wand (flood fill within a tolerance from a clicked pixel). Both give a mask of the
// image's size; polygonFromMask (core/geometry) turns it into an editable outline.

#include "core/editing/image_point.h"
#include "core/geometry/box.h"
#include "core/geometry/mask_rle.h"

#include <cstddef>
#include <cstdint>

namespace pixmark::editing {

/// 8-bit pixels the caller owns, rows top to bottom. channels: 1 gray, 3 RGB, 4 BGRA
/// (the byte order of a 32-bit ARGB word in memory on little-endian machines, as a
/// rendered display image is).
struct PixelView {
    const std::uint8_t* data = nullptr;
    int width = 0;
    int height = 0;
    std::size_t stride = 0; ///< bytes from one row to the next
    int channels = 0;
};

/// The foreground GrabCut finds inside box (the outside is background), after iterations
/// rounds; works on the box and a margin around it only. Throws ValidationError for an
/// invalid view, a box that is not inside the image or smaller than 4 x 4 pixels.
MaskRle grabCutMask(const PixelView& image, const Box& box, int iterations = 4);

/// The 4-connected pixels reachable from point whose every channel is within tolerance
/// (0-255) of the clicked pixel's. Throws ValidationError for an invalid view, a point
/// outside the image or a tolerance outside 0..255.
MaskRle magicWandMask(const PixelView& image, ImagePoint point, int tolerance);

} // namespace pixmark::editing
