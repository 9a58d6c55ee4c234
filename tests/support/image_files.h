#pragma once
// Real image files for ingest tests, written with the same libraries users' tools use
// (OpenCV's PNG/TIFF writers, TurboJPEG). Hostile files built byte by byte are in
// tests/core/ingest/raster/raster_fixtures.h.

#include "core/cache/jpeg_writer.h"
#include "core/model/labeling.h"

#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace pixmark::test {

/// A gray PNG whose pixels depend on seed (so different seeds give different content).
inline void writePng(const std::filesystem::path& file, int width, int height, int seed)
{
    cv::Mat image(height, width, CV_8UC1);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<std::uint8_t>(y, x) = static_cast<std::uint8_t>((x * 7 + y * 13 + seed * 31) & 0xff);
    std::filesystem::create_directories(file.parent_path());
    cv::imwrite(file.string(), image);
}

/// count gray PNGs dir/img/PREFIX100.png, PREFIX101.png, ... (seeded by their index) and
/// the items that register them, header fields filled as ingest would.
inline std::vector<Item> writePngItems(const std::filesystem::path& dir, const std::string& prefix, int count,
                                       int width, int height)
{
    std::vector<Item> items;
    for (int i = 0; i < count; ++i) {
        const std::string name = "img/" + prefix + std::to_string(100 + i) + ".png";
        writePng(dir / name, width, height, i);
        Item item;
        item.relativePath = name;
        item.format = "png";
        item.bytes = static_cast<std::int64_t>(std::filesystem::file_size(dir / name));
        item.width = width;
        item.height = height;
        item.channels = 1;
        items.push_back(item);
    }
    return items;
}

/// An RGB JPEG (TurboJPEG) whose pixels depend on seed.
inline void writeJpeg(const std::filesystem::path& file, int width, int height, int seed)
{
    ingest::DecodedImage image;
    image.width = width;
    image.height = height;
    image.channels = 3;
    image.samples8.resize(static_cast<std::size_t>(width * height * 3));
    for (std::size_t i = 0; i < image.samples8.size(); ++i)
        image.samples8[i] = static_cast<std::uint8_t>((i * 5 + static_cast<std::size_t>(seed) * 17) & 0xff);
    std::filesystem::create_directories(file.parent_path());
    cache::writeFileAtomically(file, cache::encodeJpeg(image, 90));
}

/// Writes text (for "not an image" and manifest cases).
inline void writeText(const std::filesystem::path& file, const std::string& text)
{
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
}

} // namespace pixmark::test
