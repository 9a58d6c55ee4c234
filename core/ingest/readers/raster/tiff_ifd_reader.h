#pragma once
// The directory structure shared by TIFF files and the Exif block of JPEG files.

#include <cstdint>
#include <optional>
#include <vector>

namespace pixmark::ingest {

class ByteSource;

/// Reads the directories of a TIFF-structured stream — a whole .tif file, or the Exif
/// block of a JPEG — in either byte order. Every offset is checked against the stream
/// before it is followed; failures are reported as empty results, never thrown, so the
/// caller decides whether they are fatal (TIFF) or ignorable (Exif). Borrows source.
class TiffIfdReader {
public:
    /// One directory entry as stored: tag, field type, value count and where its value
    /// bytes lie (absolute file offset; inside the entry when they fit in four bytes).
    struct Entry {
        std::uint16_t tag = 0;
        std::uint16_t type = 0;
        std::uint32_t count = 0;
        std::uint64_t valueOffset = 0;
    };
    /// One image file directory (a TIFF page, or Exif IFD0) and the offset of the next
    /// one (0 at the end of the chain), relative to the stream start.
    struct Directory {
        std::vector<Entry> entries;
        std::uint32_t next = 0;
    };

    /// Reads the 8-byte TIFF header at base; the stream is the size bytes from base.
    TiffIfdReader(ByteSource& source, std::uint64_t base, std::uint64_t size);

    /// True when the stream starts with a valid "II*\0" or "MM\0*" header.
    bool valid() const { return mValid; }
    /// Offset of the first directory, relative to the stream start.
    std::uint32_t firstIfd() const { return mFirstIfd; }

    /// The directory at offset (relative to the stream start); nullopt when it does not
    /// lie entirely inside the stream.
    std::optional<Directory> readIfd(std::uint32_t offset);
    /// The first value of tag as an unsigned integer (BYTE, SHORT or LONG fields only);
    /// nullopt when the tag is absent, of another type, or its value lies outside the stream.
    std::optional<std::uint32_t> value(const Directory& ifd, std::uint16_t tag);

private:
    ByteSource& mSource;
    std::uint64_t mBase = 0;
    std::uint64_t mSize = 0;
    bool mBigEndian = false;
    bool mValid = false;
    std::uint32_t mFirstIfd = 0;
};

} // namespace pixmark::ingest
