#include "core/geometry/raster_p.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace pixmark {

namespace {

struct Edge {
    double yTop = 0;
    double yBottom = 0;
    double xTop = 0;
    double slope = 0; // dx / dy
};

int clampedIndex(double value, int limit)
{
    return static_cast<int>(std::clamp(value, 0.0, static_cast<double>(limit)));
}

struct Vec {
    double x = 0;
    double y = 0;
};

Vec unit(double x, double y)
{
    const double length = std::hypot(x, y);
    return length > 0 ? Vec{x / length, y / length} : Vec{};
}

Polygon rectangle(double x0, double y0, double x1, double y1)
{
    return Polygon{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}};
}

} // namespace

void scanCrossings(const std::vector<Point>& points, int height,
                   const std::function<void(int row, const std::vector<double>& xs)>& rowCrossings)
{
    const std::size_t n = points.size();
    if (n < 3 || height <= 0)
        return;
    std::vector<Edge> edges;
    edges.reserve(n);
    double maxY = -INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        Point a = points[i];
        Point b = points[(i + 1) % n];
        if (a.y == b.y)
            continue;
        if (a.y > b.y)
            std::swap(a, b);
        edges.push_back({a.y, b.y, a.x, (b.x - a.x) / (b.y - a.y)});
        maxY = std::max(maxY, b.y);
    }
    if (edges.empty())
        return;
    std::sort(edges.begin(), edges.end(), [](const Edge& l, const Edge& r) { return l.yTop < r.yTop; });
    // Row r is sampled at y = r + 0.5; an edge counts on [yTop, yBottom) so that a vertex
    // is crossed exactly once by the two edges meeting there.
    const int rowBegin = clampedIndex(std::ceil(edges.front().yTop - 0.5), height);
    const int rowEnd = clampedIndex(std::ceil(maxY - 0.5), height);
    std::vector<const Edge*> active;
    std::vector<double> xs;
    std::size_t next = 0;
    for (int row = rowBegin; row < rowEnd; ++row) {
        const double y = row + 0.5;
        while (next < edges.size() && edges[next].yTop <= y)
            active.push_back(&edges[next++]);
        std::erase_if(active, [y](const Edge* e) { return e->yBottom <= y; });
        if (active.empty())
            continue;
        xs.clear();
        for (const Edge* e : active)
            xs.push_back(e->xTop + (y - e->yTop) * e->slope);
        std::sort(xs.begin(), xs.end());
        rowCrossings(row, xs);
    }
}

void fillSpans(const std::vector<Point>& points, int width, int height,
               const std::function<void(int row, int begin, int end)>& span)
{
    scanCrossings(points, height, [&](int row, const std::vector<double>& xs) {
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
            // Pixel c is inside when xs[i] <= c + 0.5 < xs[i + 1].
            const int begin = clampedIndex(std::ceil(xs[i] - 0.5), width);
            const int end = clampedIndex(std::ceil(xs[i + 1] - 0.5), width);
            if (end > begin)
                span(row, begin, end);
        }
    });
}

std::optional<Polygon> outlineOfBitmap(const std::uint8_t* rowMajor, int width, int height)
{
    if (width <= 0 || height <= 0)
        return std::nullopt;
    // findContours reads its input only (OpenCV 4 copies it with a border internally).
    const cv::Mat image(height, width, CV_8U, const_cast<std::uint8_t*>(rowMajor));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(image, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
    if (contours.empty())
        return std::nullopt;
    // Pick's theorem: pixels ~ enclosed area + boundary / 2 + 1, which ranks thin parts too.
    std::size_t best = 0;
    double bestPixels = -1;
    for (std::size_t i = 0; i < contours.size(); ++i) {
        const double pixels = cv::contourArea(contours[i]) + 0.5 * static_cast<double>(contours[i].size()) + 1;
        if (pixels > bestPixels) {
            bestPixels = pixels;
            best = i;
        }
    }
    const std::vector<cv::Point>& chain = contours[best];
    const cv::Rect bounds = cv::boundingRect(chain);
    const Polygon boundsPolygon = rectangle(bounds.x, bounds.y, bounds.x + bounds.width, bounds.y + bounds.height);
    const std::size_t m = chain.size();
    double signedArea = 0;
    for (std::size_t i = 0; i < m; ++i) {
        const cv::Point& a = chain[i];
        const cv::Point& b = chain[(i + 1) % m];
        signedArea += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
    }
    if (m < 3 || signedArea == 0)
        return boundsPolygon; // a single pixel or a one-pixel line
    const double side = signedArea > 0 ? 1.0 : -1.0;
    const auto outward = [side](cv::Point from, cv::Point to) {
        return unit(side * (to.y - from.y), -side * (to.x - from.x));
    };
    // The chain runs through the centers of the boundary pixels; move each point half a
    // pixel outwards (mitred at corners) so the outline follows the pixels' outer edges.
    std::vector<cv::Point2f> moved;
    moved.reserve(m);
    for (std::size_t i = 0; i < m; ++i) {
        const cv::Point prev = chain[(i + m - 1) % m];
        const cv::Point here = chain[i];
        const cv::Point next = chain[(i + 1) % m];
        const Vec n1 = outward(prev, here);
        const Vec n2 = outward(here, next);
        const double denominator = 1 + n1.x * n2.x + n1.y * n2.y;
        Vec offset;
        if (denominator < 1e-6) {
            const Vec tip = unit(here.x - prev.x, here.y - prev.y); // the end of a spike
            offset = {0.5 * tip.x, 0.5 * tip.y};
        } else {
            offset = {0.5 * (n1.x + n2.x) / denominator, 0.5 * (n1.y + n2.y) / denominator};
            const double length = std::hypot(offset.x, offset.y);
            if (length > 0.75)
                offset = {offset.x * 0.75 / length, offset.y * 0.75 / length};
        }
        moved.emplace_back(static_cast<float>(here.x + 0.5 + offset.x), static_cast<float>(here.y + 0.5 + offset.y));
    }
    std::vector<cv::Point2f> simplified;
    cv::approxPolyDP(moved, simplified, 0.5, true);
    if (simplified.size() < 3)
        return boundsPolygon;
    Polygon outline;
    outline.points.reserve(simplified.size());
    for (const cv::Point2f& p : simplified)
        outline.points.push_back({p.x, p.y});
    return outline;
}

} // namespace pixmark
