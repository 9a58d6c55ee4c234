#include "core/editing/polygon_edit.h"

#include <algorithm>
#include <cmath>

namespace pixmark::editing {

namespace {
PolygonEditResult checked(Polygon polygon)
{
    if (!isSimple(polygon))
        return {std::nullopt, PolygonRefusal::SelfIntersection};
    return {std::move(polygon), PolygonRefusal::None};
}
} // namespace

std::optional<std::size_t> vertexAt(const Polygon& polygon, ImagePoint point, double tolerance)
{
    std::optional<std::size_t> best;
    double bestDistance = tolerance;
    for (std::size_t i = 0; i < polygon.points.size(); ++i) {
        const double distance = std::hypot(polygon.points[i].x - point.x, polygon.points[i].y - point.y);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

std::optional<EdgeHit> edgeAt(const Polygon& polygon, ImagePoint point, double tolerance)
{
    const std::size_t n = polygon.points.size();
    std::optional<EdgeHit> best;
    double bestDistance = tolerance;
    for (std::size_t i = 0; i < n; ++i) {
        const Point& a = polygon.points[i];
        const Point& b = polygon.points[(i + 1) % n];
        const double dx = b.x - a.x;
        const double dy = b.y - a.y;
        const double lengthSquared = dx * dx + dy * dy;
        const double t = lengthSquared == 0 ? 0 : std::clamp(((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared, 0.0, 1.0);
        const Point nearest{a.x + t * dx, a.y + t * dy};
        const double distance = std::hypot(nearest.x - point.x, nearest.y - point.y);
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = EdgeHit{i, nearest};
        }
    }
    return best;
}

Point snapToImage(ImagePoint point, const BoxLimits& limits)
{
    return Point{std::clamp(std::round(point.x), 0.0, static_cast<double>(limits.imageWidth)),
                 std::clamp(std::round(point.y), 0.0, static_cast<double>(limits.imageHeight))};
}

PolygonEditResult moveVertex(const Polygon& polygon, std::size_t index, ImagePoint point, const BoxLimits& limits)
{
    if (index >= polygon.points.size())
        return {std::nullopt, PolygonRefusal::OutOfRange};
    Polygon moved = polygon;
    moved.points[index] = snapToImage(point, limits);
    return checked(std::move(moved));
}

PolygonEditResult insertVertex(const Polygon& polygon, std::size_t edge, ImagePoint point, const BoxLimits& limits)
{
    if (edge >= polygon.points.size())
        return {std::nullopt, PolygonRefusal::OutOfRange};
    Polygon grown = polygon;
    grown.points.insert(grown.points.begin() + static_cast<std::ptrdiff_t>(edge + 1), snapToImage(point, limits));
    return checked(std::move(grown));
}

PolygonEditResult removeVertex(const Polygon& polygon, std::size_t index)
{
    if (index >= polygon.points.size())
        return {std::nullopt, PolygonRefusal::OutOfRange};
    if (polygon.points.size() <= 3)
        return {std::nullopt, PolygonRefusal::TooFewVertices};
    Polygon shrunk = polygon;
    shrunk.points.erase(shrunk.points.begin() + static_cast<std::ptrdiff_t>(index));
    return checked(std::move(shrunk));
}

Polygon mapPolygon(const Polygon& polygon, const Box& from, const Box& to)
{
    const double sx = from.w > 0 ? to.w / from.w : 1.0;
    const double sy = from.h > 0 ? to.h / from.h : 1.0;
    Polygon mapped = polygon;
    for (Point& p : mapped.points)
        p = Point{to.x + (p.x - from.x) * sx, to.y + (p.y - from.y) * sy};
    return mapped;
}

} // namespace pixmark::editing
