#pragma once
// Scanline rasterization and outline tracing shared by polygons and masks. Private to
// core/geometry. Coordinates here are canvas pixels: row r is sampled at y = r + 0.5.

#include "core/geometry/polygon.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace pixmark {

/// Calls rowCrossings(row, xs) for every row in [0, height) that the polygon reaches, with
/// the sorted x coordinates where its outline crosses y = row + 0.5 (an even count).
void scanCrossings(const std::vector<Point>& points, int height,
                   const std::function<void(int row, const std::vector<double>& xs)>& rowCrossings);
/// Calls span(row, begin, end) for each run of pixels [begin, end) of a width x height
/// canvas whose centers are inside the polygon (even-odd rule).
void fillSpans(const std::vector<Point>& points, int width, int height,
               const std::function<void(int row, int begin, int end)>& span);
/// Traces the largest 8-connected region of a row-major bitmap (non-zero = set) into a
/// polygon along the pixels' outer edges, simplified by at most about half a pixel.
/// nullopt when nothing is set.
std::optional<Polygon> outlineOfBitmap(const std::uint8_t* rowMajor, int width, int height);

} // namespace pixmark
