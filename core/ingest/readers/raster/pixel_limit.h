#pragma once
// The decompression-bomb guard every raster reader runs on header values, before any
// pixel buffer exists.

#include "core/ingest/image_reader.h"

#include <cstdint>
#include <filesystem>

namespace pixmark::ingest {

/// Throws ImageError ("image too large: 100000 x 100000 pixels exceeds the limit of 400
/// megapixels") when totalPixels, the pixels of all frames together, exceed
/// limits.maxPixels. width, height and frames (of the first frame) only word the message.
void checkPixelLimit(int width, int height, int frames, std::int64_t totalPixels, const ReaderLimits& limits,
                     const std::filesystem::path& file);

} // namespace pixmark::ingest
