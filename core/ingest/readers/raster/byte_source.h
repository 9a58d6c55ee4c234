#pragma once
// Bounded random access to a file for header parsers: they read a few small ranges near
// the start (and, for TIFF, wherever the directories are) instead of whole files.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace pixmark::ingest {

/// An open file with a cached first block and one moving read window, so that walking
/// JPEG segments or TIFF directories costs about one system read per jump. Reads never
/// go past the end of the file: they report false instead. Not thread-safe; one per probe.
class ByteSource {
public:
    /// Opens file and reads its first block. Throws ImageError when it cannot be opened.
    explicit ByteSource(const std::filesystem::path& file);

    const std::filesystem::path& file() const { return mFile; }
    /// The file size in bytes when it was opened.
    std::uint64_t size() const { return mSize; }

    /// Copies size bytes at offset into out; false (out untouched) when the file is shorter.
    bool read(std::uint64_t offset, void* out, std::size_t size);
    /// The size bytes at offset, valid until the next call; nullptr when the file is shorter.
    /// Ranges larger than the read window are not served (nullptr): use read() for those.
    const unsigned char* peek(std::uint64_t offset, std::size_t size);

    /// The whole file, for decoders that need it in memory. Throws ImageError when the
    /// file is larger than maxBytes or cannot be read.
    std::vector<unsigned char> readAll(std::uint64_t maxBytes);

private:
    bool fill(std::uint64_t offset, unsigned char* out, std::size_t size);

    std::filesystem::path mFile;
    std::ifstream mStream;
    std::uint64_t mSize = 0;
    std::vector<unsigned char> mHead;   ///< the first bytes of the file
    std::vector<unsigned char> mWindow; ///< the last block read elsewhere
    std::uint64_t mWindowOffset = 0;
};

} // namespace pixmark::ingest
