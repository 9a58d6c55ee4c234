#pragma once
// Unaligned loads of file integers in a given byte order, for the header parsers.

#include <cstdint>

namespace pixmark::ingest {

/// The 16-bit unsigned integer at p, big-endian ("MM", PNG, JPEG) or little-endian ("II", BMP).
inline std::uint16_t load16(const unsigned char* p, bool bigEndian)
{
    return bigEndian ? static_cast<std::uint16_t>(p[0] << 8 | p[1]) : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

/// The 32-bit unsigned integer at p in the given byte order.
inline std::uint32_t load32(const unsigned char* p, bool bigEndian)
{
    const std::uint32_t b0 = p[0], b1 = p[1], b2 = p[2], b3 = p[3];
    return bigEndian ? (b0 << 24 | b1 << 16 | b2 << 8 | b3) : (b3 << 24 | b2 << 16 | b1 << 8 | b0);
}

} // namespace pixmark::ingest
