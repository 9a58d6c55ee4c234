#include "core/editing/box_edit.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pixmark::editing {

namespace {
double clampTo(double value, double low, double high)
{
    return std::clamp(value, low, std::max(low, high));
}
} // namespace

std::vector<ImagePoint> handlePoints(const Box& box)
{
    const double left = box.x;
    const double top = box.y;
    const double right = box.x + box.w;
    const double bottom = box.y + box.h;
    const double midX = box.x + box.w / 2;
    const double midY = box.y + box.h / 2;
    return {{left, top},     {midX, top},  {right, top},   {right, midY},
            {right, bottom}, {midX, bottom}, {left, bottom}, {left, midY}};
}

BoxHandle handleAt(const Box& box, ImagePoint point, double tolerance)
{
    const std::vector<ImagePoint> points = handlePoints(box);
    // Corners first: on a small box the edge middles sit close to them.
    static constexpr int order[] = {0, 2, 4, 6, 1, 3, 5, 7};
    for (int index : order) {
        const ImagePoint& at = points[static_cast<std::size_t>(index)];
        if (std::abs(point.x - at.x) <= tolerance && std::abs(point.y - at.y) <= tolerance)
            return static_cast<BoxHandle>(index + 1);
    }
    return contains(box, point) ? BoxHandle::Inside : BoxHandle::None;
}

Box resizeBox(const Box& start, BoxHandle handle, ImagePoint point, const BoxLimits& limits)
{
    double left = start.x;
    double top = start.y;
    double right = start.x + start.w;
    double bottom = start.y + start.h;
    const double x = clampTo(std::round(point.x), 0, limits.imageWidth);
    const double y = clampTo(std::round(point.y), 0, limits.imageHeight);
    const bool moveLeft = handle == BoxHandle::TopLeft || handle == BoxHandle::Left || handle == BoxHandle::BottomLeft;
    const bool moveRight = handle == BoxHandle::TopRight || handle == BoxHandle::Right || handle == BoxHandle::BottomRight;
    const bool moveTop = handle == BoxHandle::TopLeft || handle == BoxHandle::Top || handle == BoxHandle::TopRight;
    const bool moveBottom = handle == BoxHandle::BottomLeft || handle == BoxHandle::Bottom || handle == BoxHandle::BottomRight;
    if (moveLeft)
        left = x;
    if (moveRight)
        right = x;
    if (moveTop)
        top = y;
    if (moveBottom)
        bottom = y;
    if (left > right)
        std::swap(left, right);
    if (top > bottom)
        std::swap(top, bottom);
    // Below the minimum the grabbed edge stops short of the opposite one.
    const double minimum = limits.minimumSize;
    if (right - left < minimum) {
        if (moveLeft && x <= start.x + start.w)
            left = right - minimum;
        else
            right = left + minimum;
    }
    if (bottom - top < minimum) {
        if (moveTop && y <= start.y + start.h)
            top = bottom - minimum;
        else
            bottom = top + minimum;
    }
    Box box{left, top, right - left, bottom - top};
    return moveBox(box, 0, 0, limits);
}

Box moveBox(const Box& start, double dx, double dy, const BoxLimits& limits)
{
    Box box = start;
    box.w = std::min(box.w, static_cast<double>(limits.imageWidth));
    box.h = std::min(box.h, static_cast<double>(limits.imageHeight));
    box.x = clampTo(start.x + std::round(dx), 0, limits.imageWidth - box.w);
    box.y = clampTo(start.y + std::round(dy), 0, limits.imageHeight - box.h);
    return box;
}

Box boxCenteredAt(ImagePoint point, double width, double height, const BoxLimits& limits)
{
    const double w = std::max(std::round(width), limits.minimumSize);
    const double h = std::max(std::round(height), limits.minimumSize);
    const Box box{std::round(point.x - w / 2), std::round(point.y - h / 2), w, h};
    return moveBox(box, 0, 0, limits);
}

bool contains(const Box& box, ImagePoint point)
{
    return point.x >= box.x && point.x <= box.x + box.w && point.y >= box.y && point.y <= box.y + box.h;
}

std::vector<std::size_t> boxesAt(const std::vector<Box>& boxes, ImagePoint point)
{
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < boxes.size(); ++i)
        if (contains(boxes[i], point))
            hits.push_back(i);
    std::stable_sort(hits.begin(), hits.end(), [&](std::size_t a, std::size_t b) {
        const double areaA = area(boxes[a]);
        const double areaB = area(boxes[b]);
        return areaA != areaB ? areaA < areaB : a > b;
    });
    return hits;
}

} // namespace pixmark::editing
