#include "core/ingest/readers/raster/tiff_ifd_reader.h"

#include "core/ingest/readers/raster/byte_order.h"
#include "core/ingest/readers/raster/byte_source.h"

#include <array>

namespace pixmark::ingest {

namespace {
constexpr std::uint16_t kByte = 1, kShort = 3, kLong = 4;
constexpr std::size_t kEntrySize = 12;
} // namespace

TiffIfdReader::TiffIfdReader(ByteSource& source, std::uint64_t base, std::uint64_t size)
    : mSource(source), mBase(base), mSize(size)
{
    std::array<unsigned char, 8> header{};
    if (size < header.size() || !mSource.read(base, header.data(), header.size()))
        return;
    if (header[0] == 'I' && header[1] == 'I')
        mBigEndian = false;
    else if (header[0] == 'M' && header[1] == 'M')
        mBigEndian = true;
    else
        return;
    if (load16(header.data() + 2, mBigEndian) != 42)
        return;
    mFirstIfd = load32(header.data() + 4, mBigEndian);
    mValid = true;
}

std::optional<TiffIfdReader::Directory> TiffIfdReader::readIfd(std::uint32_t offset)
{
    std::array<unsigned char, 2> countBytes{};
    if (!mValid || offset < 8 || std::uint64_t{offset} + 2 > mSize ||
        !mSource.read(mBase + offset, countBytes.data(), 2))
        return std::nullopt;
    const std::uint16_t count = load16(countBytes.data(), mBigEndian);
    const std::uint64_t tableSize = count * kEntrySize + 4;
    if (std::uint64_t{offset} + 2 + tableSize > mSize)
        return std::nullopt;
    std::vector<unsigned char> table(static_cast<std::size_t>(tableSize));
    if (!mSource.read(mBase + offset + 2, table.data(), table.size()))
        return std::nullopt;

    Directory ifd;
    ifd.entries.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const unsigned char* p = table.data() + i * kEntrySize;
        Entry entry;
        entry.tag = load16(p, mBigEndian);
        entry.type = load16(p + 2, mBigEndian);
        entry.count = load32(p + 4, mBigEndian);
        entry.valueOffset = mBase + offset + 2 + i * kEntrySize + 8;
        ifd.entries.push_back(entry);
    }
    ifd.next = load32(table.data() + count * kEntrySize, mBigEndian);
    return ifd;
}

std::optional<std::uint32_t> TiffIfdReader::value(const Directory& ifd, std::uint16_t tag)
{
    for (const Entry& entry : ifd.entries) {
        if (entry.tag != tag)
            continue;
        const std::size_t unit = entry.type == kByte ? 1 : entry.type == kShort ? 2 : entry.type == kLong ? 4 : 0;
        if (unit == 0 || entry.count == 0)
            return std::nullopt;
        std::uint64_t at = entry.valueOffset;
        if (std::uint64_t{entry.count} * unit > 4) {
            // The entry holds an offset to the values rather than the values themselves.
            std::array<unsigned char, 4> pointer{};
            if (!mSource.read(at, pointer.data(), 4))
                return std::nullopt;
            const std::uint64_t relative = load32(pointer.data(), mBigEndian);
            if (relative + unit > mSize)
                return std::nullopt;
            at = mBase + relative;
        }
        std::array<unsigned char, 4> bytes{};
        if (!mSource.read(at, bytes.data(), unit))
            return std::nullopt;
        return unit == 1 ? bytes[0] : unit == 2 ? load16(bytes.data(), mBigEndian) : load32(bytes.data(), mBigEndian);
    }
    return std::nullopt;
}

} // namespace pixmark::ingest
