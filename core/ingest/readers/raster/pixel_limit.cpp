#include "core/ingest/readers/raster/pixel_limit.h"

#include <cstdio>
#include <string>

namespace pixmark::ingest {

namespace {
std::string megapixels(std::int64_t pixels)
{
    if (pixels < 100'000)
        return std::to_string(pixels) + " pixels";
    if (pixels % 1'000'000 == 0)
        return std::to_string(pixels / 1'000'000) + " megapixels";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f megapixels", static_cast<double>(pixels) / 1e6);
    return text;
}
} // namespace

void checkPixelLimit(int width, int height, int frames, std::int64_t totalPixels, const ReaderLimits& limits,
                     const std::filesystem::path& file)
{
    if (totalPixels <= limits.maxPixels)
        return;
    const std::string limit = "the limit of " + megapixels(limits.maxPixels);
    if (frames <= 1)
        throw ImageError("image too large: " + std::to_string(width) + " x " + std::to_string(height) +
                             " pixels exceeds " + limit,
                         file);
    throw ImageError("image too large: " + std::to_string(frames) + " pages with " + megapixels(totalPixels) +
                         " in all exceed " + limit,
                     file);
}

} // namespace pixmark::ingest
