#include "ml/engine/cache_reader.h"

#include "ml/engine/errors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pixmark::ml {

namespace {

const std::string kRebuildHint = " Rebuild the training cache (pixmark-cli cache PROJECT, or delete the cache folder).";

template <typename T>
T readLe(const std::uint8_t* p)
{
    // The format is little-endian and so is every machine Pixmark runs on; memcpy keeps it aligned-safe.
    T value;
    std::memcpy(&value, p, sizeof(T));
    return value;
}

struct Header {
    std::uint32_t version = 0;
    std::uint32_t side = 0;
    std::uint32_t channels = 0;
    std::uint32_t recordBytes = 0;
    std::uint64_t count = 0;
};

Header readHeader(const MappedFile& file, const char* magic, const std::filesystem::path& path)
{
    if (file.size() < TrainingCacheReader::kHeaderBytes)
        throw CacheFileError("The training cache file " + path.string() + " is truncated (" +
                             std::to_string(file.size()) + " bytes, shorter than its 64-byte header)." + kRebuildHint);
    if (std::memcmp(file.data(), magic, 8) != 0)
        throw CacheFileError("The file " + path.string() + " is not a Pixmark training cache (expected the magic " +
                             std::string(magic, 8) + ")." + kRebuildHint);
    Header h;
    h.version = readLe<std::uint32_t>(file.data() + 8);
    h.side = readLe<std::uint32_t>(file.data() + 12);
    h.channels = readLe<std::uint32_t>(file.data() + 16);
    h.recordBytes = readLe<std::uint32_t>(file.data() + 20);
    h.count = readLe<std::uint64_t>(file.data() + 24);
    if (h.version != 1)
        throw CacheFileError("The training cache " + path.string() + " has format version " +
                             std::to_string(h.version) + "; this Pixmark reads version 1." + kRebuildHint);
    return h;
}

} // namespace

MappedFile::MappedFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw CacheFileError("Cannot open the training cache file " + path.string() + ": " + std::strerror(errno) +
                             "." + kRebuildHint);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        throw CacheFileError("Cannot read the size of " + path.string() + ": " + std::strerror(err) + ".");
    }
    mSize = static_cast<std::size_t>(st.st_size);
    if (mSize > 0) {
        void* p = ::mmap(nullptr, mSize, PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            throw CacheFileError("Cannot map the training cache file " + path.string() + ": " + std::strerror(err) + ".");
        }
        mData = static_cast<const std::uint8_t*>(p);
    }
    ::close(fd);
}

MappedFile::~MappedFile()
{
    if (mData)
        ::munmap(const_cast<std::uint8_t*>(mData), mSize);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : mData(std::exchange(other.mData, nullptr)), mSize(std::exchange(other.mSize, 0))
{
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept
{
    if (this != &other) {
        if (mData)
            ::munmap(const_cast<std::uint8_t*>(mData), mSize);
        mData = std::exchange(other.mData, nullptr);
        mSize = std::exchange(other.mSize, 0);
    }
    return *this;
}

TrainingCacheReader::TrainingCacheReader(const std::filesystem::path& images)
    : TrainingCacheReader(images, std::filesystem::path(images).replace_extension(".idx"))
{
}

TrainingCacheReader::TrainingCacheReader(const std::filesystem::path& images, const std::filesystem::path& index)
    : mImages(images), mIndex(index)
{
    const Header hi = readHeader(mImages, "PXMKTC01", images);
    const Header hx = readHeader(mIndex, "PXMKTI01", index);
    if (hi.channels != 1 && hi.channels != 3)
        throw CacheFileError("The training cache " + images.string() + " is damaged: it claims " +
                             std::to_string(hi.channels) + " channels (1 or 3 are valid)." + kRebuildHint);
    if (hi.side == 0 || hi.side > 8192 || std::uint64_t{hi.side} * hi.side * hi.channels != hi.recordBytes)
        throw CacheFileError("The training cache " + images.string() + " is damaged: side " + std::to_string(hi.side) +
                             " and record size " + std::to_string(hi.recordBytes) + " do not agree." + kRebuildHint);
    if (hx.side != hi.side || hx.channels != hi.channels || hx.recordBytes != hi.recordBytes)
        throw CacheFileError("The training cache index " + index.string() + " does not belong to " + images.string() +
                             " (their image sizes differ)." + kRebuildHint);
    mSide = static_cast<int>(hi.side);
    mChannels = static_cast<int>(hi.channels);
    mRecordBytes = hi.recordBytes;

    // Counts are written after the records, so a count the file cannot hold means damage, not an
    // interrupted append; leftover bytes past the count are the harmless case.
    const std::uint64_t imagesFit = (mImages.size() - kHeaderBytes) / mRecordBytes;
    const std::uint64_t indexFit = (mIndex.size() - kHeaderBytes) / kIndexRecordBytes;
    if (hi.count > imagesFit)
        throw CacheFileError("The training cache " + images.string() + " is truncated: its header counts " +
                             std::to_string(hi.count) + " images but the file holds " + std::to_string(imagesFit) +
                             "." + kRebuildHint);
    if (hx.count > indexFit)
        throw CacheFileError("The training cache index " + index.string() + " is truncated: its header counts " +
                             std::to_string(hx.count) + " records but the file holds " + std::to_string(indexFit) +
                             "." + kRebuildHint);
    mCount = static_cast<std::size_t>(std::min(hi.count, hx.count));
    mByItem.reserve(mCount);
    for (std::size_t i = 0; i < mCount; ++i)
        mByItem[record(i).itemId] = i;
}

CacheRecord TrainingCacheReader::record(std::size_t i) const
{
    const std::uint8_t* p = mIndex.data() + kHeaderBytes + i * kIndexRecordBytes;
    CacheRecord r;
    r.itemId = readLe<std::int64_t>(p);
    r.originalWidth = readLe<std::uint32_t>(p + 8);
    r.originalHeight = readLe<std::uint32_t>(p + 12);
    r.scale = readLe<float>(p + 16);
    r.padX = readLe<std::int32_t>(p + 20);
    r.padY = readLe<std::int32_t>(p + 24);
    return r;
}

std::optional<std::size_t> TrainingCacheReader::find(std::int64_t itemId) const
{
    const auto it = mByItem.find(itemId);
    if (it == mByItem.end())
        return std::nullopt;
    return it->second;
}

} // namespace pixmark::ml
