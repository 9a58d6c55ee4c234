#pragma once
// Reads the training cache that core writes (docs/training-cache.md) without core: both files
// are memory-mapped, checked once on open, and records are handed out as raw pixels.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <unordered_map>

namespace pixmark::ml {

/// One index record: which item a cached image is and how it was letterboxed.
struct CacheRecord {
    std::int64_t itemId = 0;
    std::uint32_t originalWidth = 0;
    std::uint32_t originalHeight = 0;
    float scale = 1.0f; ///< cached = original * scale + pad
    std::int32_t padX = 0;
    std::int32_t padY = 0;
};

/// A read-only memory mapping of one file; unmapped on destruction.
class MappedFile {
public:
    MappedFile() = default;
    /// Maps the whole file. Throws CacheFileError when it cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::uint8_t* data() const { return mData; }
    std::size_t size() const { return mSize; }

private:
    const std::uint8_t* mData = nullptr;
    std::size_t mSize = 0;
};

/// The images (.bin) and index (.idx) of one training cache, validated on open.
class TrainingCacheReader {
public:
    /// Opens `images` (…/images-SxSxC.bin) and the .idx beside it. Throws CacheFileError,
    /// naming the file and the fault, for missing, truncated, damaged or newer files.
    explicit TrainingCacheReader(const std::filesystem::path& images);
    /// Opens an explicit pair of files, with the same checks.
    TrainingCacheReader(const std::filesystem::path& images, const std::filesystem::path& index);

    int side() const { return mSide; }
    int channels() const { return mChannels; }
    std::size_t recordBytes() const { return mRecordBytes; }
    /// Valid records: the smaller of the two files' counts.
    std::size_t size() const { return mCount; }

    /// Index entry of record i (i < size()).
    CacheRecord record(std::size_t i) const;
    /// side*side*channels bytes of record i, rows top to bottom, HWC. Valid while the reader lives.
    const std::uint8_t* pixels(std::size_t i) const { return mImages.data() + kHeaderBytes + i * mRecordBytes; }
    /// The record holding this item, if any (the last one when an item was cached twice).
    std::optional<std::size_t> find(std::int64_t itemId) const;

    static constexpr std::size_t kHeaderBytes = 64;
    static constexpr std::size_t kIndexRecordBytes = 32;

private:
    MappedFile mImages;
    MappedFile mIndex;
    int mSide = 0;
    int mChannels = 0;
    std::size_t mRecordBytes = 0;
    std::size_t mCount = 0;
    std::unordered_map<std::int64_t, std::size_t> mByItem;
};

} // namespace pixmark::ml
