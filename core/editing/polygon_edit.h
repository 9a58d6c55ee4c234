#pragma once
// Editing polygons that exist, without any widget: which vertex or edge a point grabs, and
// moving, inserting and removing vertices. Vertices snap to whole pixels inside the image.
// An edit that would make the outline cross itself is refused (the caller shows why), so a
// simple polygon stays simple.

#include "core/editing/box_edit.h"
#include "core/editing/image_point.h"
#include "core/geometry/polygon.h"

#include <cstddef>
#include <optional>

namespace pixmark::editing {

/// Why an edit was refused.
enum class PolygonRefusal {
    None,           ///< not refused
    SelfIntersection, ///< the outline would cross or touch itself
    TooFewVertices, ///< a polygon keeps at least three vertices
    OutOfRange,     ///< no such vertex or edge
};

/// The edited polygon, or why there is none.
struct PolygonEditResult {
    std::optional<Polygon> polygon;
    PolygonRefusal refusal = PolygonRefusal::None;
};

/// A point on an edge: edge i runs from vertex i to vertex i + 1 (the last back to 0).
struct EdgeHit {
    std::size_t edge = 0;
    Point at; ///< the point of the edge nearest the query
};

/// The vertex nearest point within tolerance (image pixels); nullopt when none.
std::optional<std::size_t> vertexAt(const Polygon& polygon, ImagePoint point, double tolerance);
/// The edge nearest point within tolerance, with the nearest point on it; nullopt when none.
std::optional<EdgeHit> edgeAt(const Polygon& polygon, ImagePoint point, double tolerance);
/// point rounded to whole pixels and clamped to the image of limits.
Point snapToImage(ImagePoint point, const BoxLimits& limits);

/// polygon with vertex index at point (snapped).
PolygonEditResult moveVertex(const Polygon& polygon, std::size_t index, ImagePoint point, const BoxLimits& limits);
/// polygon with a new vertex at point (snapped) after vertex edge (so on edge `edge`); the
/// new vertex has index edge + 1.
PolygonEditResult insertVertex(const Polygon& polygon, std::size_t edge, ImagePoint point, const BoxLimits& limits);
/// polygon without vertex index.
PolygonEditResult removeVertex(const Polygon& polygon, std::size_t index);
/// Every vertex of polygon moved from the box `from` to the box `to` (a move when the sizes
/// match, a scale about from's corner otherwise), as moving or resizing the shape's box does.
Polygon mapPolygon(const Polygon& polygon, const Box& from, const Box& to);

} // namespace pixmark::editing
