#pragma once
// The orientation tag of a JPEG's Exif block, read in place from the file.

#include <cstdint>

namespace pixmark::ingest {

class ByteSource;

/// The orientation (1..8) in an APP1 segment whose payload is the size bytes at offset:
/// "Exif\0\0", then a TIFF structure in either byte order with tag 274 in IFD0. Returns
/// 0 when the payload is not Exif, and 1 when it is Exif without a usable orientation.
/// Broken Exif is common in camera files and never fatal, so nothing is thrown.
int exifOrientation(ByteSource& source, std::uint64_t offset, std::uint64_t size);

} // namespace pixmark::ingest
