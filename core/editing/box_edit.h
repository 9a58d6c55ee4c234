#pragma once
// Editing boxes that exist, without any widget: which of the eight handles (or the inside)
// a point grabs, resizing by a handle, moving, nudging and placing boxes, and the boxes
// under a point for cycling through overlapping shapes. Results snap to whole pixels, stay
// inside the image and are never smaller than the minimum size.

#include "core/editing/image_point.h"
#include "core/geometry/box.h"

#include <cstddef>
#include <vector>

namespace pixmark::editing {

/// The part of a box a press grabs.
enum class BoxHandle { None, TopLeft, Top, TopRight, Right, BottomRight, Bottom, BottomLeft, Left, Inside };

/// The image a box lives in and the smallest box it may become.
struct BoxLimits {
    int imageWidth = 0;
    int imageHeight = 0;
    double minimumSize = 2;
};

/// The handle of box within tolerance (image pixels) of point; corners before edges, then
/// Inside, else None.
BoxHandle handleAt(const Box& box, ImagePoint point, double tolerance);
/// The eight handle positions (corners and edge middles) in BoxHandle order TopLeft..Left.
std::vector<ImagePoint> handlePoints(const Box& box);

/// start with the grabbed edges moved to point (snapped to whole pixels, clamped to the
/// image); edges dragged past their opposite swap sides; at least the minimum size.
Box resizeBox(const Box& start, BoxHandle handle, ImagePoint point, const BoxLimits& limits);
/// start moved by (dx, dy) rounded to whole pixels, kept entirely inside the image.
Box moveBox(const Box& start, double dx, double dy, const BoxLimits& limits);
/// A box of size width x height centered on point (whole pixels, inside the image).
Box boxCenteredAt(ImagePoint point, double width, double height, const BoxLimits& limits);
/// True when point lies inside box (edges included).
bool contains(const Box& box, ImagePoint point);
/// Indices of the boxes containing point, smallest area first (ties: later boxes, drawn on
/// top, first). What Tab cycles through.
std::vector<std::size_t> boxesAt(const std::vector<Box>& boxes, ImagePoint point);

} // namespace pixmark::editing
