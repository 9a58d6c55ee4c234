#pragma once
// One line of a YOLO label file: "class cx cy w h" (a box) or "class x1 y1 x2 y2 ..." (a
// polygon of at least three points), every coordinate normalized to 0..1 of the image.

#include "core/formats/format_error.h"
#include "core/geometry/polygon.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// A parsed label line; values are the normalized numbers after the class index.
struct YoloLabel {
    std::size_t classIndex = 0;
    bool isBox = true;          ///< 4 values (cx cy w h); otherwise x y pairs of a polygon
    std::vector<double> values;
};

/// Parses a non-blank line. Throws FormatError at where for a wrong field count, a class
/// index that is not an integer below classCount, a coordinate that is not a finite number
/// in 0..1, or a box reaching outside the image.
YoloLabel parseYoloLine(std::string_view line, std::size_t classCount, const SourcePosition& where);

/// The label in pixels of a width x height image: a Box or a Polygon's JSON.
std::string toPixelGeometry(const YoloLabel& label, int width, int height);

/// "class cx cy w h" for a pixel box, clipped to the image, 6 decimals.
std::string yoloBoxLine(std::size_t classIndex, const Box& box, int width, int height);
/// "class x1 y1 ..." for a pixel polygon, each point clipped to the image, 6 decimals.
std::string yoloPolygonLine(std::size_t classIndex, const Polygon& polygon, int width, int height);

} // namespace pixmark::formats
