#pragma once
// 8-bit single-channel PNGs (palette or gray) read and written with libpng.

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::formats {

/// A row-major 8-bit image with an optional palette (empty for gray).
struct IndexedPng {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;                 ///< width * height values
    std::vector<std::array<std::uint8_t, 3>> palette; ///< RGB per index
};

/// The largest side and pixel count readIndexedPng accepts (decompression bombs).
inline constexpr int kMaxPngSide = 100000;
inline constexpr std::int64_t kMaxPngPixels = 400'000'000;

/// Decodes a PNG file's bytes; file names it in errors. Throws FormatError for damaged or
/// truncated data, a bit depth other than 8, a color type other than palette or gray, or
/// an image over the limits.
IndexedPng readIndexedPng(std::string_view bytes, const std::string& file);

/// Writes a palette PNG (gray when palette is empty). Throws Error when it cannot.
void writeIndexedPng(const std::filesystem::path& file, const IndexedPng& image);

} // namespace pixmark::formats
