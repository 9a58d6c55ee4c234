#include "core/editing/polygon_builder.h"

#include <algorithm>
#include <cmath>

namespace pixmark::editing {

PolygonBuilder::PolygonBuilder(int imageWidth, int imageHeight) : mWidth(imageWidth), mHeight(imageHeight) {}

Point PolygonBuilder::snap(ImagePoint point) const
{
    return Point{std::clamp(std::round(point.x), 0.0, static_cast<double>(mWidth)),
                 std::clamp(std::round(point.y), 0.0, static_cast<double>(mHeight))};
}

bool PolygonBuilder::near(const Point& a, ImagePoint b) const
{
    return std::hypot(a.x - b.x, a.y - b.y) <= mCloseTolerance;
}

bool PolygonBuilder::wouldClose(ImagePoint point) const
{
    if (mVertices.size() < 3)
        return false;
    return near(mVertices.front(), point) || snap(point) == mVertices.back();
}

bool PolygonBuilder::wouldCross(ImagePoint point) const
{
    return !mVertices.empty() && edgeCrossesPath(mVertices, snap(point));
}

PolygonResult PolygonBuilder::press(ImagePoint point)
{
    if (wouldClose(point))
        return close();
    const Point vertex = snap(point);
    mCursor = vertex;
    if (mVertices.empty()) {
        mVertices.push_back(vertex);
        return {PolygonStep::Started, std::nullopt};
    }
    // A second press on the last vertex of a two-vertex path: nothing to add.
    if (vertex == mVertices.back())
        return {PolygonStep::Ignored, std::nullopt};
    if (edgeCrossesPath(mVertices, vertex))
        return {PolygonStep::Crossing, std::nullopt};
    mVertices.push_back(vertex);
    return {PolygonStep::Added, std::nullopt};
}

void PolygonBuilder::move(ImagePoint point)
{
    mCursor = snap(point);
}

bool PolygonBuilder::canClose() const
{
    if (mVertices.size() < 3)
        return false;
    Polygon polygon{mVertices};
    return isSimple(polygon);
}

PolygonResult PolygonBuilder::close()
{
    if (mVertices.empty())
        return {PolygonStep::Ignored, std::nullopt};
    if (mVertices.size() < 3)
        return {PolygonStep::TooFew, std::nullopt};
    if (!canClose())
        return {PolygonStep::Crossing, std::nullopt};
    return finish();
}

PolygonResult PolygonBuilder::finish()
{
    Polygon polygon{std::move(mVertices)};
    cancel();
    return {PolygonStep::Closed, std::move(polygon)};
}

bool PolygonBuilder::dropLast()
{
    if (mVertices.empty())
        return false;
    mVertices.pop_back();
    return true;
}

void PolygonBuilder::cancel()
{
    mVertices.clear();
    mCursor = Point{};
}

bool edgeCrossesPath(const std::vector<Point>& path, const Point& next)
{
    const std::size_t n = path.size();
    if (n < 2)
        return false;
    const Point& last = path.back();
    // The neighbouring edge shares `last`: it may only fold back onto itself.
    const Point& before = path[n - 2];
    const double cross = (last.x - before.x) * (next.y - before.y) - (last.y - before.y) * (next.x - before.x);
    if (cross == 0 && (next.x - last.x) * (before.x - last.x) + (next.y - last.y) * (before.y - last.y) > 0)
        return true;
    for (std::size_t i = 0; i + 2 < n; ++i)
        if (segmentsTouch(path[i], path[i + 1], last, next))
            return true;
    return false;
}

} // namespace pixmark::editing
