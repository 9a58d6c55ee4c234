#include "tests/core/ingest/raster/raster_fixtures.h"

#include <fstream>
#include <stdexcept>
#include <turbojpeg.h>

namespace pixmark::test {

namespace {

void put16(Bytes& out, std::uint32_t value, bool bigEndian)
{
    const auto hi = static_cast<unsigned char>(value >> 8), lo = static_cast<unsigned char>(value);
    out.insert(out.end(),
               bigEndian ? std::initializer_list<unsigned char>{hi, lo} : std::initializer_list<unsigned char>{lo, hi});
}

void put32(Bytes& out, std::uint32_t value, bool bigEndian)
{
    if (bigEndian) {
        put16(out, value >> 16, true);
        put16(out, value & 0xFFFF, true);
    } else {
        put16(out, value & 0xFFFF, false);
        put16(out, value >> 16, false);
    }
}

void putEntry(Bytes& out, std::uint16_t tag, std::uint16_t type, std::uint32_t value, bool bigEndian)
{
    put16(out, tag, bigEndian);
    put16(out, type, bigEndian);
    put32(out, 1, bigEndian);
    if (type == 3) { // SHORT, left-justified in the 4-byte value field
        put16(out, value, bigEndian);
        put16(out, 0, bigEndian);
    } else {
        put32(out, value, bigEndian);
    }
}

void putChunk(Bytes& out, const char* type, const Bytes& data)
{
    put32(out, static_cast<std::uint32_t>(data.size()), true);
    Bytes typed(type, type + 4);
    typed.insert(typed.end(), data.begin(), data.end());
    out.insert(out.end(), typed.begin(), typed.end());
    put32(out, crc32(typed.data(), typed.size()), true);
}

} // namespace


Bytes encodeJpeg(const Bytes& pixels, int width, int height, int pixelFormat, int subsampling)
{
    tjhandle handle = tjInitCompress();
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    const int result = tjCompress2(handle, pixels.data(), width, 0, height, pixelFormat, &jpeg, &size, subsampling, 95,
                                   TJFLAG_ACCURATEDCT);
    Bytes bytes;
    if (result == 0)
        bytes.assign(jpeg, jpeg + size);
    tjFree(jpeg);
    tjDestroy(handle);
    if (result != 0)
        throw std::runtime_error("tjCompress2 failed");
    return bytes;
}

Bytes withExifOrientation(const Bytes& jpeg, int orientation, bool bigEndian)
{
    Bytes exif{'E', 'x', 'i', 'f', 0, 0};
    exif.insert(exif.end(), bigEndian ? std::initializer_list<unsigned char>{'M', 'M', 0, 42}
                                      : std::initializer_list<unsigned char>{'I', 'I', 42, 0});
    put32(exif, 8, bigEndian); // IFD0 right after the TIFF header
    put16(exif, 1, bigEndian);
    putEntry(exif, 274, 3, static_cast<std::uint32_t>(orientation), bigEndian);
    put32(exif, 0, bigEndian);

    Bytes out(jpeg.begin(), jpeg.begin() + 2); // SOI
    out.push_back(0xFF);
    out.push_back(0xE1);
    put16(out, static_cast<std::uint32_t>(exif.size() + 2), true);
    out.insert(out.end(), exif.begin(), exif.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

Bytes grayTiff(const Bytes& pixels, int width, int height, int orientation, bool bigEndian, bool loop)
{
    Bytes out = bigEndian ? Bytes{'M', 'M', 0, 42} : Bytes{'I', 'I', 42, 0};
    const auto dataSize = static_cast<std::uint32_t>(pixels.size());
    const std::uint32_t ifdOffset = 8 + dataSize + (dataSize & 1);
    put32(out, ifdOffset, bigEndian);
    out.insert(out.end(), pixels.begin(), pixels.end());
    if (dataSize & 1)
        out.push_back(0);
    const auto w = static_cast<std::uint32_t>(width), h = static_cast<std::uint32_t>(height);
    put16(out, 10, bigEndian);
    putEntry(out, 256, 4, w, bigEndian); // ImageWidth
    putEntry(out, 257, 4, h, bigEndian); // ImageLength
    putEntry(out, 258, 3, 8, bigEndian); // BitsPerSample
    putEntry(out, 259, 3, 1, bigEndian); // Compression: none
    putEntry(out, 262, 3, 1, bigEndian); // Photometric: black is zero
    putEntry(out, 273, 4, 8, bigEndian); // StripOffsets
    putEntry(out, 274, 3, static_cast<std::uint32_t>(orientation), bigEndian);
    putEntry(out, 277, 3, 1, bigEndian);        // SamplesPerPixel
    putEntry(out, 278, 4, h, bigEndian);        // RowsPerStrip
    putEntry(out, 279, 4, dataSize, bigEndian); // StripByteCounts
    put32(out, loop ? ifdOffset : 0, bigEndian);
    return out;
}

Bytes rgbBmp(const Bytes& rgb, int width, int height, bool topDown)
{
    const auto rowSize = static_cast<std::uint32_t>((width * 3 + 3) / 4 * 4);
    const std::uint32_t dataSize = rowSize * static_cast<std::uint32_t>(height);
    Bytes out{'B', 'M'};
    put32(out, 54 + dataSize, false);
    put32(out, 0, false);
    put32(out, 54, false);
    put32(out, 40, false);
    put32(out, static_cast<std::uint32_t>(width), false);
    put32(out, static_cast<std::uint32_t>(topDown ? -height : height), false);
    put16(out, 1, false);  // planes
    put16(out, 24, false); // bits per pixel
    put32(out, 0, false);  // uncompressed
    put32(out, dataSize, false);
    put32(out, 2835, false);
    put32(out, 2835, false);
    put32(out, 0, false);
    put32(out, 0, false);
    for (int row = 0; row < height; ++row) {
        const int y = topDown ? row : height - 1 - row;
        for (int x = 0; x < width; ++x) {
            const unsigned char* p = rgb.data() + (y * width + x) * 3;
            out.insert(out.end(), {p[2], p[1], p[0]});
        }
        out.resize(out.size() + (rowSize - static_cast<std::uint32_t>(width) * 3), 0);
    }
    return out;
}

Bytes pngWithHeaderOnly(std::uint32_t width, std::uint32_t height)
{
    Bytes out{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes ihdr;
    put32(ihdr, width, true);
    put32(ihdr, height, true);
    ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0}); // 8-bit RGB, deflate, no filter, no interlace
    putChunk(out, "IHDR", ihdr);
    putChunk(out, "IDAT", {0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01}); // a zlib stream of one zero byte
    putChunk(out, "IEND", {});
    return out;
}

std::uint32_t crc32(const unsigned char* data, std::size_t size)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

std::array<int, 4> pixel8(const ingest::DecodedImage& image, int x, int y)
{
    std::array<int, 4> value{};
    const auto at = static_cast<std::size_t>((y * image.width + x) * image.channels);
    for (int c = 0; c < image.channels; ++c)
        value[static_cast<std::size_t>(c)] = image.samples8.at(at + static_cast<std::size_t>(c));
    return value;
}

std::array<int, 4> pixel16(const ingest::DecodedImage& image, int x, int y)
{
    std::array<int, 4> value{};
    const auto at = static_cast<std::size_t>((y * image.width + x) * image.channels);
    for (int c = 0; c < image.channels; ++c)
        value[static_cast<std::size_t>(c)] = image.samples16.at(at + static_cast<std::size_t>(c));
    return value;
}

} // namespace pixmark::test
