#include "core/ingest/readers/dicom/nesting_scan.h"

#include "core/ingest/image_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <functional>
#include <list>
#include <mutex>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

namespace pixmark::ingest {

namespace {

constexpr std::string_view kDeflatedUid = "1.2.840.10008.1.2.1.99";
constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kOverlap = 7; // an item tag and its length span 8 bytes
constexpr std::uintmax_t kCachedFrom = 4 << 20;

std::uint32_t little32(const unsigned char* p)
{
    return std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16 | std::uint32_t(p[3]) << 24;
}

std::uint32_t big32(const unsigned char* p)
{
    return std::uint32_t(p[3]) | std::uint32_t(p[2]) << 8 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[0]) << 24;
}

// The Transfer Syntax UID of the meta header (explicit VR little endian, flat), read the
// way DCMTK does: group 0x0002 elements from byte 132 (or 0 without a preamble) on.
std::string metaTransferSyntax(std::ifstream& in, std::uint64_t fileSize)
{
    std::array<unsigned char, 132> head{};
    in.read(reinterpret_cast<char*>(head.data()), std::streamsize(head.size()));
    const bool preamble = in.gcount() == 132 && std::memcmp(head.data() + 128, "DICM", 4) == 0;
    std::uint64_t at = preamble ? 132 : 0;
    in.clear();
    for (int count = 0; count < 100000 && at + 8 <= fileSize; ++count) {
        std::array<unsigned char, 12> element{};
        in.seekg(std::streamoff(at));
        in.read(reinterpret_cast<char*>(element.data()), 12);
        if (in.gcount() < 8 || element[0] != 0x02 || element[1] != 0x00)
            break;
        const std::string_view vr(reinterpret_cast<const char*>(element.data() + 4), 2);
        const bool longLength = vr == "OB" || vr == "OD" || vr == "OF" || vr == "OL" || vr == "OV" ||
                                vr == "OW" || vr == "SQ" || vr == "UC" || vr == "UN" || vr == "UR" ||
                                vr == "UT" || vr == "SV" || vr == "UV";
        const std::uint64_t header = longLength ? 12 : 8;
        const std::uint64_t length = longLength ? little32(element.data() + 8)
                                                : std::uint64_t(element[6]) | std::uint64_t(element[7]) << 8;
        if (length == 0xFFFFFFFF)
            break;
        if (element[2] == 0x10 && element[3] == 0x00 && length <= 64) {
            std::string uid(std::size_t(length), '\0');
            in.seekg(std::streamoff(at + header));
            in.read(uid.data(), std::streamsize(length));
            while (!uid.empty() && (uid.back() == '\0' || uid.back() == ' '))
                uid.pop_back();
            return uid;
        }
        at += header + length;
    }
    in.clear();
    return {};
}

// Counts item tags as the class comment says, over the whole file or until the count
// passes stopAbove.
std::uint64_t scanItems(std::ifstream& in, std::uint64_t fileSize, std::uint64_t stopAbove)
{
    std::uint64_t undefinedItems = 0;
    std::uint64_t mostCovering = 0;
    // Ends of the defined-length items that cover the scan position.
    std::priority_queue<std::uint64_t, std::vector<std::uint64_t>, std::greater<>> openEnds;
    const auto defined = [&](std::uint64_t start, std::uint32_t length) {
        while (!openEnds.empty() && openEnds.top() <= start)
            openEnds.pop();
        openEnds.push(std::min(fileSize, start + 8 + length));
        mostCovering = std::max<std::uint64_t>(mostCovering, openEnds.size());
    };

    const std::size_t chunk = std::size_t(std::min<std::uint64_t>(kChunk, fileSize));
    std::vector<unsigned char> buffer(chunk + kOverlap);
    std::size_t kept = 0;   // bytes carried over from the previous chunk
    std::uint64_t base = 0; // file offset of buffer[0]
    in.seekg(0);
    while (true) {
        in.read(reinterpret_cast<char*>(buffer.data() + kept), std::streamsize(chunk));
        const std::size_t size = kept + std::size_t(in.gcount());
        if (size < 8)
            break;
        const unsigned char* bytes = buffer.data();
        for (std::size_t i = 0; i + 8 <= size; ++i) {
            if (bytes[i] == 0xFE && bytes[i + 1] == 0xFF && bytes[i + 2] == 0x00 && bytes[i + 3] == 0xE0) {
                const std::uint32_t length = little32(bytes + i + 4);
                if (length == 0xFFFFFFFF)
                    ++undefinedItems;
                else
                    defined(base + i, length);
            } else if (bytes[i] == 0xFF && bytes[i + 1] == 0xFE && bytes[i + 2] == 0xE0 && bytes[i + 3] == 0x00) {
                const std::uint32_t length = big32(bytes + i + 4);
                if (length == 0xFFFFFFFF)
                    ++undefinedItems;
                else
                    defined(base + i, length);
            }
        }
        if (undefinedItems + mostCovering > stopAbove || in.gcount() == 0 || !in)
            break;
        kept = std::min(size, kOverlap);
        std::memmove(buffer.data(), buffer.data() + size - kept, kept);
        base += size - kept;
    }
    return undefinedItems + mostCovering;
}

struct CacheKey {
    std::string path;
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    bool operator==(const CacheKey&) const = default;
};

class ScanCache {
public:
    bool find(const CacheKey& key, std::uint64_t& bound)
    {
        const std::lock_guard lock(mMutex);
        const auto hit = std::find_if(mEntries.begin(), mEntries.end(), [&](const auto& e) { return e.first == key; });
        if (hit == mEntries.end())
            return false;
        bound = hit->second;
        mEntries.splice(mEntries.begin(), mEntries, hit);
        return true;
    }
    void store(const CacheKey& key, std::uint64_t bound)
    {
        const std::lock_guard lock(mMutex);
        mEntries.emplace_front(key, bound);
        if (mEntries.size() > kCapacity)
            mEntries.pop_back();
    }

private:
    // Enough for the frames of the files open in a session; a linear search is cheaper
    // than the scan it saves.
    static constexpr std::size_t kCapacity = 64;
    std::mutex mMutex;
    std::list<std::pair<CacheKey, std::uint64_t>> mEntries;
};

ScanCache& cache()
{
    static ScanCache instance;
    return instance;
}

} // namespace

NestingScan::NestingScan(const std::filesystem::path& file, std::uint64_t stopAbove)
{
    std::error_code error;
    CacheKey key{file.string(), std::filesystem::file_size(file, error), {}};
    if (!error)
        key.modified = std::filesystem::last_write_time(file, error);
    if (error)
        throw ImageError("cannot read the file (" + error.message() + ")", file);
    const bool cached = key.size >= kCachedFrom;
    if (cached && cache().find(key, mDepthBound))
        return;

    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw ImageError("cannot open the file (permission denied?)", file);
    if (metaTransferSyntax(in, key.size) == kDeflatedUid)
        throw ImageError("Deflated Explicit VR Little Endian is not supported (the compressed data set cannot be "
                         "checked before it is inflated)",
                         file);
    mDepthBound = scanItems(in, key.size, stopAbove);
    if (cached)
        cache().store(key, mDepthBound);
}

} // namespace pixmark::ingest
