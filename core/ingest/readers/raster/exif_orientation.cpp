#include "core/ingest/readers/raster/exif_orientation.h"

#include "core/ingest/readers/raster/byte_source.h"
#include "core/ingest/readers/raster/orientation.h"
#include "core/ingest/readers/raster/tiff_ifd_reader.h"

#include <cstring>

namespace pixmark::ingest {

namespace {
constexpr std::uint16_t kOrientationTag = 274;
constexpr unsigned char kExifId[6] = {'E', 'x', 'i', 'f', 0, 0};
} // namespace

int exifOrientation(ByteSource& source, std::uint64_t offset, std::uint64_t size)
{
    const unsigned char* id = size >= sizeof kExifId ? source.peek(offset, sizeof kExifId) : nullptr;
    if (!id || std::memcmp(id, kExifId, sizeof kExifId) != 0)
        return 0;
    TiffIfdReader tiff(source, offset + sizeof kExifId, size - sizeof kExifId);
    if (!tiff.valid())
        return 1;
    const auto ifd0 = tiff.readIfd(tiff.firstIfd());
    if (!ifd0)
        return 1;
    const auto value = tiff.value(*ifd0, kOrientationTag);
    return value ? normalizedOrientation(*value) : 1;
}

} // namespace pixmark::ingest
