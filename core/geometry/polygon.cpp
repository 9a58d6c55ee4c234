#include "core/geometry/polygon.h"

#include "core/errors.h"
#include "core/geometry/json_fields_p.h"
#include "core/geometry/raster_p.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pixmark {

namespace {

double cross(const Point& o, const Point& a, const Point& b)
{
    return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

int sign(double value)
{
    return (value > 0) - (value < 0);
}

// p is collinear with segment ab; is it within the segment's extent?
bool withinSegment(const Point& a, const Point& b, const Point& p)
{
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

bool onSegment(const Point& a, const Point& b, const Point& p)
{
    return cross(a, b, p) == 0 && withinSegment(a, b, p);
}

} // namespace

bool segmentsTouch(const Point& a, const Point& b, const Point& c, const Point& d)
{
    const int d1 = sign(cross(a, b, c));
    const int d2 = sign(cross(a, b, d));
    const int d3 = sign(cross(c, d, a));
    const int d4 = sign(cross(c, d, b));
    if (d1 * d2 < 0 && d3 * d4 < 0)
        return true;
    return (d1 == 0 && withinSegment(a, b, c)) || (d2 == 0 && withinSegment(a, b, d)) ||
           (d3 == 0 && withinSegment(c, d, a)) || (d4 == 0 && withinSegment(c, d, b));
}

bool contains(const Polygon& polygon, const Point& point)
{
    const std::vector<Point>& p = polygon.points;
    const std::size_t n = p.size();
    if (n < 3)
        return false;
    bool inside = false;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        if (onSegment(p[j], p[i], point))
            return true;
        if ((p[i].y > point.y) != (p[j].y > point.y) &&
            point.x < (p[j].x - p[i].x) * (point.y - p[i].y) / (p[j].y - p[i].y) + p[i].x)
            inside = !inside;
    }
    return inside;
}

namespace {


// Even-odd intervals of one scanline: [xs[0], xs[1]), [xs[2], xs[3]), ...
double intervalsLength(const std::vector<double>& xs)
{
    double length = 0;
    for (std::size_t i = 0; i + 1 < xs.size(); i += 2)
        length += xs[i + 1] - xs[i];
    return length;
}

double intervalsOverlap(const std::vector<double>& a, const std::vector<double>& b)
{
    double overlap = 0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i + 1 < a.size() && j + 1 < b.size()) {
        const double lo = std::max(a[i], b[j]);
        const double hi = std::min(a[i + 1], b[j + 1]);
        if (hi > lo)
            overlap += hi - lo;
        if (a[i + 1] < b[j + 1])
            i += 2;
        else
            j += 2;
    }
    return overlap;
}

std::vector<Point> transformed(const std::vector<Point>& points, double x0, double y0, double scale, double margin)
{
    std::vector<Point> out;
    out.reserve(points.size());
    for (const Point& p : points)
        out.push_back({(p.x - x0) * scale + margin, (p.y - y0) * scale + margin});
    return out;
}

Box unionBox(const Box& a, const Box& b)
{
    const double x0 = std::min(a.x, b.x);
    const double y0 = std::min(a.y, b.y);
    return {x0, y0, std::max(a.x + a.w, b.x + b.w) - x0, std::max(a.y + a.h, b.y + b.h) - y0};
}

} // namespace

Polygon parsePolygon(std::string_view json)
{
    const nlohmann::json doc = parseGeometryObject(json, "polygon");
    const auto it = doc.find("points");
    if (it == doc.end())
        throw ValidationError("The polygon's geometry has no \"points\".");
    if (!it->is_array())
        throw ValidationError("The polygon's \"points\" is not a list of [x, y] pairs.");
    if (it->size() < 3)
        throw ValidationError("A polygon needs at least 3 points; this one has " + std::to_string(it->size()) + ".");
    Polygon polygon;
    polygon.points.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        const nlohmann::json& p = (*it)[i];
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
            throw ValidationError("The polygon's point " + std::to_string(i + 1) +
                                  " is not an [x, y] pair of numbers.");
        const Point point{p[0].get<double>(), p[1].get<double>()};
        if (!std::isfinite(point.x) || !std::isfinite(point.y))
            throw ValidationError("The polygon's point " + std::to_string(i + 1) + " is not finite.");
        polygon.points.push_back(point);
    }
    return polygon;
}

std::string toJson(const Polygon& polygon)
{
    nlohmann::json points = nlohmann::json::array();
    for (const Point& p : polygon.points)
        points.push_back({p.x, p.y});
    return nlohmann::json{{"points", std::move(points)}}.dump();
}

double area(const Polygon& polygon)
{
    const auto& p = polygon.points;
    double twice = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const Point& a = p[i];
        const Point& b = p[(i + 1) % p.size()];
        twice += a.x * b.y - b.x * a.y;
    }
    return std::abs(twice) / 2;
}

Box boundingBox(const Polygon& polygon)
{
    if (polygon.points.empty())
        return {};
    double x0 = polygon.points.front().x;
    double y0 = polygon.points.front().y;
    double x1 = x0;
    double y1 = y0;
    for (const Point& p : polygon.points) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    return {x0, y0, x1 - x0, y1 - y0};
}

bool isSimple(const Polygon& polygon)
{
    std::vector<Point> p;
    p.reserve(polygon.points.size());
    for (const Point& point : polygon.points)
        if (p.empty() || !(p.back() == point))
            p.push_back(point);
    while (p.size() > 1 && p.back() == p.front())
        p.pop_back();
    const std::size_t n = p.size();
    if (n < 3)
        return false;
    // Edge i runs from p[i] to p[i + 1]. Sweep along x so only edges whose x ranges overlap
    // are compared: near O(n log n) for ordinary outlines, O(n^2) at worst.
    const auto from = [&](std::size_t e) -> const Point& { return p[e]; };
    const auto to = [&](std::size_t e) -> const Point& { return p[(e + 1) % n]; };
    const auto minX = [&](std::size_t e) { return std::min(from(e).x, to(e).x); };
    const auto maxX = [&](std::size_t e) { return std::max(from(e).x, to(e).x); };
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return minX(a) < minX(b); });
    std::vector<std::size_t> active;
    for (std::size_t e : order) {
        const double x = minX(e);
        std::erase_if(active, [&](std::size_t a) { return maxX(a) < x; });
        for (std::size_t a : active) {
            if ((a + 1) % n == e || (e + 1) % n == a) {
                // Neighbours share one point; they must not fold back over each other.
                const std::size_t first = (a + 1) % n == e ? a : e;
                const std::size_t second = first == a ? e : a;
                if (onSegment(from(second), to(second), from(first)) || onSegment(from(first), to(first), to(second)))
                    return false;
            } else if (segmentsTouch(from(a), to(a), from(e), to(e))) {
                return false;
            }
        }
        active.push_back(e);
    }
    return true;
}

double iou(const Polygon& a, const Polygon& b)
{
    if (a.points.size() < 3 || b.points.size() < 3)
        return 0;
    const Box boxA = boundingBox(a);
    const Box boxB = boundingBox(b);
    if (iou(boxA, boxB) <= 0)
        return 0; // disjoint (or flat) outlines
    const Box all = unionBox(boxA, boxB);
    if (all.h <= 0)
        return 0;
    const int rows = static_cast<int>(std::clamp(std::ceil(all.h * 2), 64.0, 1024.0));
    const double scale = rows / all.h;
    std::vector<std::vector<double>> crossingsA(static_cast<std::size_t>(rows));
    scanCrossings(transformed(a.points, all.x, all.y, scale, 0), rows,
                  [&](int row, const std::vector<double>& xs) { crossingsA[static_cast<std::size_t>(row)] = xs; });
    double lengthA = 0;
    for (const auto& xs : crossingsA)
        lengthA += intervalsLength(xs);
    double lengthB = 0;
    double overlap = 0;
    scanCrossings(transformed(b.points, all.x, all.y, scale, 0), rows, [&](int row, const std::vector<double>& xs) {
        lengthB += intervalsLength(xs);
        overlap += intervalsOverlap(crossingsA[static_cast<std::size_t>(row)], xs);
    });
    const double uni = lengthA + lengthB - overlap;
    return uni > 0 ? overlap / uni : 0.0;
}

std::optional<Polygon> majorityPolygon(const std::vector<Polygon>& polygons)
{
    std::vector<const Polygon*> usable;
    for (const Polygon& p : polygons)
        if (p.points.size() >= 3)
            usable.push_back(&p);
    if (usable.empty())
        return std::nullopt;
    Box all = boundingBox(*usable.front());
    for (const Polygon* p : usable)
        all = unionBox(all, boundingBox(*p));
    const double longSide = std::max(all.w, all.h);
    if (longSide <= 0)
        return std::nullopt;
    // Small shapes are drawn larger and huge ones smaller, so the traced outline is
    // accurate and the canvas stays at most about 1024 x 1024.
    const double scale = std::clamp(longSide, 256.0, 1024.0) / longSide;
    constexpr double margin = 1;
    const int width = static_cast<int>(std::ceil(all.w * scale)) + 2;
    const int height = static_cast<int>(std::ceil(all.h * scale)) + 2;
    std::vector<std::uint16_t> counts(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    for (const Polygon* p : usable)
        fillSpans(transformed(p->points, all.x, all.y, scale, margin), width, height, [&](int row, int begin, int end) {
            auto* line = counts.data() + static_cast<std::size_t>(row) * static_cast<std::size_t>(width);
            for (int x = begin; x < end; ++x)
                ++line[x];
        });
    std::vector<std::uint8_t> majority(counts.size());
    const std::size_t n = usable.size();
    std::transform(counts.begin(), counts.end(), majority.begin(),
                   [n](std::uint16_t c) { return static_cast<std::uint8_t>(std::size_t{c} * 2 >= n ? 1 : 0); });
    std::optional<Polygon> traced = outlineOfBitmap(majority.data(), width, height);
    if (!traced)
        return std::nullopt;
    for (Point& p : traced->points)
        p = {(p.x - margin) / scale + all.x, (p.y - margin) / scale + all.y};
    return traced;
}

} // namespace pixmark
