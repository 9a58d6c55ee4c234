#pragma once
// Writes training cache files (docs/training-cache.md) with plain C++, as core does, so the
// engine's tests and benchmarks can build its input without core or OpenCV.

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace pixmark::test {

/// An empty folder for one test program's cache files, named for the test and the process.
inline std::filesystem::path scratchFolder(const std::string& name)
{
    auto folder = std::filesystem::temp_directory_path() / ("pixmark-ml-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

/// Appends records to a new cache pair and writes the counts on finish(), like core does.
class TrainingCacheWriter {
public:
    /// Creates `images` (.bin) and the .idx beside it, replacing old files.
    TrainingCacheWriter(const std::filesystem::path& images, int side, int channels)
        : mImages(images, std::ios::binary | std::ios::trunc),
          mIndex(std::filesystem::path(images).replace_extension(".idx"), std::ios::binary | std::ios::trunc),
          mSide(static_cast<std::uint32_t>(side)), mChannels(static_cast<std::uint32_t>(channels))
    {
        if (!mImages || !mIndex)
            throw std::runtime_error("cannot create " + images.string());
        writeHeader(mImages, "PXMKTC01", 0);
        writeHeader(mIndex, "PXMKTI01", 0);
    }

    std::size_t recordBytes() const { return std::size_t{mSide} * mSide * mChannels; }

    /// One image of recordBytes() bytes (HWC) and its index entry.
    void append(std::int64_t itemId, const std::uint8_t* pixels, std::uint32_t width = 0, std::uint32_t height = 0,
                float scale = 1.0f, std::int32_t padX = 0, std::int32_t padY = 0)
    {
        mImages.write(reinterpret_cast<const char*>(pixels), static_cast<std::streamsize>(recordBytes()));
        char entry[32] = {};
        std::memcpy(entry, &itemId, 8);
        std::memcpy(entry + 8, &width, 4);
        std::memcpy(entry + 12, &height, 4);
        std::memcpy(entry + 16, &scale, 4);
        std::memcpy(entry + 20, &padX, 4);
        std::memcpy(entry + 24, &padY, 4);
        mIndex.write(entry, sizeof entry);
        ++mCount;
    }

    /// Writes the counts into both headers (the images' count may be overridden to fake damage).
    void finish(std::uint64_t imagesCount = ~std::uint64_t{0}, std::uint64_t indexCount = ~std::uint64_t{0})
    {
        writeCount(mImages, imagesCount == ~std::uint64_t{0} ? mCount : imagesCount);
        writeCount(mIndex, indexCount == ~std::uint64_t{0} ? mCount : indexCount);
        mImages.close();
        mIndex.close();
    }

private:
    void writeHeader(std::ofstream& out, const char* magic, std::uint64_t count)
    {
        char header[64] = {};
        std::memcpy(header, magic, 8);
        const std::uint32_t version = 1;
        const std::uint32_t bytes = static_cast<std::uint32_t>(recordBytes());
        std::memcpy(header + 8, &version, 4);
        std::memcpy(header + 12, &mSide, 4);
        std::memcpy(header + 16, &mChannels, 4);
        std::memcpy(header + 20, &bytes, 4);
        std::memcpy(header + 24, &count, 8);
        out.write(header, sizeof header);
    }

    static void writeCount(std::ofstream& out, std::uint64_t count)
    {
        out.flush();
        out.seekp(24);
        out.write(reinterpret_cast<const char*>(&count), 8);
        out.seekp(0, std::ios::end);
    }

    std::ofstream mImages;
    std::ofstream mIndex;
    std::uint32_t mSide;
    std::uint32_t mChannels;
    std::uint64_t mCount = 0;
};

} // namespace pixmark::test
