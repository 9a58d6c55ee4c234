#include "core/editing/assists.h"

#include "core/errors.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace pixmark::editing {

namespace {
void check(const PixelView& image)
{
    if (!image.data || image.width < 1 || image.height < 1 ||
        (image.channels != 1 && image.channels != 3 && image.channels != 4) ||
        image.stride < static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.channels))
        throw ValidationError("The assist needs 8-bit pixels with 1, 3 or 4 channels");
}

// The view as 8-bit BGR (what GrabCut wants), or gray as it is.
cv::Mat toBgr(const PixelView& image, const cv::Rect& roi)
{
    const int type = image.channels == 1 ? CV_8UC1 : image.channels == 3 ? CV_8UC3 : CV_8UC4;
    const cv::Mat whole(image.height, image.width, type, const_cast<std::uint8_t*>(image.data), image.stride);
    const cv::Mat part = whole(roi);
    cv::Mat bgr;
    if (image.channels == 1)
        cv::cvtColor(part, bgr, cv::COLOR_GRAY2BGR);
    else if (image.channels == 3)
        cv::cvtColor(part, bgr, cv::COLOR_RGB2BGR);
    else
        cv::cvtColor(part, bgr, cv::COLOR_BGRA2BGR);
    return bgr;
}

// A full-size mask from a part of it.
MaskRle placed(const cv::Mat& part, const cv::Rect& roi, int width, int height)
{
    std::vector<std::uint8_t> bitmap(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    for (int y = 0; y < part.rows; ++y) {
        const std::uint8_t* row = part.ptr<std::uint8_t>(y);
        std::copy(row, row + part.cols,
                  bitmap.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(roi.y + y) * static_cast<std::size_t>(width) +
                                                               static_cast<std::size_t>(roi.x)));
    }
    return encodeMask(bitmap.data(), width, height);
}
} // namespace

MaskRle grabCutMask(const PixelView& image, const Box& box, int iterations)
{
    check(image);
    const int x0 = static_cast<int>(std::floor(box.x));
    const int y0 = static_cast<int>(std::floor(box.y));
    const int x1 = static_cast<int>(std::ceil(box.x + box.w));
    const int y1 = static_cast<int>(std::ceil(box.y + box.h));
    if (x0 < 0 || y0 < 0 || x1 > image.width || y1 > image.height)
        throw ValidationError("The box for GrabCut is not inside the image");
    if (x1 - x0 < 4 || y1 - y0 < 4)
        throw ValidationError("The box for GrabCut is smaller than 4 x 4 pixels");
    // GrabCut models the background from around the box: a margin of a quarter of the box.
    const int margin = std::max(8, std::max(x1 - x0, y1 - y0) / 4);
    const int left = std::max(0, x0 - margin);
    const int top = std::max(0, y0 - margin);
    const cv::Rect area(left, top, std::min(image.width, x1 + margin) - left, std::min(image.height, y1 + margin) - top);
    const cv::Mat bgr = toBgr(image, area);
    cv::Mat labels(bgr.size(), CV_8UC1, cv::Scalar(cv::GC_BGD));
    cv::Mat background, foreground;
    const cv::Rect inside(x0 - area.x, y0 - area.y, x1 - x0, y1 - y0);
    // A box covering the whole image leaves GrabCut no background to learn from.
    if (inside.width >= area.width && inside.height >= area.height)
        throw ValidationError("The box for GrabCut must leave some of the image outside it");
    cv::grabCut(bgr, labels, inside, background, foreground, std::max(1, iterations), cv::GC_INIT_WITH_RECT);
    const cv::Mat result = (labels == cv::GC_FGD) | (labels == cv::GC_PR_FGD);
    return placed(result, area, image.width, image.height);
}

MaskRle magicWandMask(const PixelView& image, ImagePoint point, int tolerance)
{
    check(image);
    const int x = static_cast<int>(std::floor(point.x));
    const int y = static_cast<int>(std::floor(point.y));
    if (x < 0 || y < 0 || x >= image.width || y >= image.height)
        throw ValidationError("The magic wand's point is outside the image");
    if (tolerance < 0 || tolerance > 255)
        throw ValidationError("The magic wand's tolerance must be 0 to 255, not " + std::to_string(tolerance));
    const cv::Rect all(0, 0, image.width, image.height);
    cv::Mat pixels = toBgr(image, all);
    cv::Mat mask(image.height + 2, image.width + 2, CV_8UC1, cv::Scalar(0));
    const cv::Scalar range(tolerance, tolerance, tolerance);
    cv::floodFill(pixels, mask, cv::Point(x, y), cv::Scalar(), nullptr, range, range,
                  4 | cv::FLOODFILL_MASK_ONLY | cv::FLOODFILL_FIXED_RANGE | (1 << 8));
    return placed(mask(cv::Rect(1, 1, image.width, image.height)), all, image.width, image.height);
}

} // namespace pixmark::editing
