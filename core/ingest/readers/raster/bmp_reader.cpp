#include "core/ingest/readers/raster/bmp_reader.h"

#include "core/ingest/readers/raster/byte_order.h"
#include "core/ingest/readers/raster/byte_source.h"
#include "core/ingest/readers/raster/decode_pipeline.h"
#include "core/ingest/readers/raster/pixel_limit.h"
#include "core/ingest/readers/readers.h"

#include <array>
#include <cstdint>
#include <limits>
#include <string>

namespace pixmark::ingest {

namespace {

constexpr std::uint64_t kFileHeaderSize = 14;
constexpr std::uint32_t kCoreHeaderSize = 12; // OS/2 BITMAPCOREHEADER
constexpr std::uint32_t kInfoHeaderSize = 40; // BITMAPINFOHEADER and its V4/V5 extensions
enum Compression : std::uint32_t { kRgb = 0, kRle8 = 1, kRle4 = 2, kBitfields = 3, kJpeg = 4, kPng = 5 };

struct BmpLayout {
    std::int64_t width = 0;
    std::int64_t height = 0; // negative: rows stored top-down
    int bitsPerPixel = 0;
    std::uint32_t compression = kRgb;
    std::uint32_t colorsUsed = 0;
    std::uint32_t headerSize = 0;
    std::uint32_t dataOffset = 0;
};

// The variants OpenCV's BMP decoder accepts.
bool supported(const BmpLayout& bmp)
{
    switch (bmp.compression) {
    case kRgb:
        return bmp.bitsPerPixel == 1 || bmp.bitsPerPixel == 4 || bmp.bitsPerPixel == 8 || bmp.bitsPerPixel == 16 ||
               bmp.bitsPerPixel == 24 || bmp.bitsPerPixel == 32;
    case kBitfields:
        return bmp.bitsPerPixel == 16 || bmp.bitsPerPixel == 32;
    case kRle4:
        return bmp.bitsPerPixel == 4;
    case kRle8:
        return bmp.bitsPerPixel == 8;
    default:
        return false;
    }
}

// OpenCV decodes a palette image as one channel when every entry is a gray.
bool grayPalette(ByteSource& source, const BmpLayout& bmp)
{
    const bool core = bmp.headerSize == kCoreHeaderSize;
    const std::uint32_t entrySize = core ? 3 : 4;
    std::uint32_t entries = 1u << bmp.bitsPerPixel;
    if (!core && bmp.colorsUsed != 0 && bmp.colorsUsed < entries)
        entries = bmp.colorsUsed;
    std::array<unsigned char, 256 * 4> palette{};
    if (!source.read(kFileHeaderSize + bmp.headerSize, palette.data(), entries * entrySize))
        return false;
    for (std::uint32_t i = 0; i < entries; ++i) {
        const unsigned char* bgr = palette.data() + i * entrySize;
        if (bgr[0] != bgr[1] || bgr[0] != bgr[2])
            return false;
    }
    return true;
}

} // namespace

const ImageReader& bmpReader()
{
    static const BmpReader reader;
    return reader;
}

bool BmpReader::canRead(const FileSignature& signature) const
{
    return detectFormat(signature) == ImageFormat::Bmp;
}

ImageHeader BmpReader::parseHeader(ByteSource& source, const ReaderLimits& limits)
{
    const auto& file = source.file();
    const unsigned char* head = source.peek(0, kFileHeaderSize + 4);
    if (!head || head[0] != 'B' || head[1] != 'M')
        throw ImageError("truncated BMP data", file);
    BmpLayout bmp;
    bmp.dataOffset = load32(head + 10, false);
    bmp.headerSize = load32(head + 14, false);
    if (bmp.headerSize == kCoreHeaderSize) {
        const unsigned char* info = source.peek(kFileHeaderSize, kCoreHeaderSize);
        if (!info)
            throw ImageError("truncated BMP data", file);
        bmp.width = load16(info + 4, false);
        bmp.height = load16(info + 6, false);
        bmp.bitsPerPixel = load16(info + 10, false);
    } else if (bmp.headerSize >= kInfoHeaderSize && bmp.headerSize <= 1024) {
        const unsigned char* info = source.peek(kFileHeaderSize, kInfoHeaderSize);
        if (!info)
            throw ImageError("truncated BMP data", file);
        bmp.width = static_cast<std::int32_t>(load32(info + 4, false));
        bmp.height = static_cast<std::int32_t>(load32(info + 8, false));
        bmp.bitsPerPixel = load16(info + 14, false);
        bmp.compression = load32(info + 16, false);
        bmp.colorsUsed = load32(info + 32, false);
    } else {
        throw ImageError("unsupported BMP header (" + std::to_string(bmp.headerSize) + " bytes)", file);
    }
    if (bmp.width <= 0 || bmp.height == 0 || bmp.height == std::numeric_limits<std::int32_t>::min())
        throw ImageError("corrupt BMP: invalid image size", file);
    if (bmp.compression == kJpeg || bmp.compression == kPng)
        throw ImageError("BMP with embedded JPEG or PNG data is not supported", file);
    if (!supported(bmp))
        throw ImageError("unsupported BMP variant (" + std::to_string(bmp.bitsPerPixel) +
                             " bits per pixel, compression " + std::to_string(bmp.compression) + ")",
                         file);
    if (bmp.bitsPerPixel <= 8 && bmp.colorsUsed > 256)
        throw ImageError("corrupt BMP: palette larger than 256 colors", file);

    ImageHeader header;
    header.format = ImageFormat::Bmp;
    header.width = header.storedWidth = static_cast<int>(bmp.width);
    header.height = header.storedHeight = static_cast<int>(bmp.height < 0 ? -bmp.height : bmp.height);
    header.bitsPerSample = 8;
    checkPixelLimit(header.width, header.height, 1, header.pixelCount(), limits, file);

    // Uncompressed rows have a known size: a file too short for them is truncated, and
    // is refused here rather than after OpenCV allocated the whole image.
    if (bmp.compression == kRgb || bmp.compression == kBitfields) {
        const std::uint64_t rowBytes = (static_cast<std::uint64_t>(bmp.width) * bmp.bitsPerPixel + 31) / 32 * 4;
        if (bmp.dataOffset + rowBytes * static_cast<std::uint64_t>(header.storedHeight) > source.size())
            throw ImageError("truncated BMP data", file);
    }
    if (bmp.bitsPerPixel <= 8)
        header.channels = grayPalette(source, bmp) ? 1 : 3;
    else
        header.channels =
            bmp.bitsPerPixel == 32 && bmp.compression == kBitfields ? 4 : 3; // OpenCV drops BI_RGB's alpha
    return header;
}

ImageHeader BmpReader::readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const
{
    ByteSource source(file);
    return parseHeader(source, limits);
}

DecodedImage BmpReader::decode(const std::filesystem::path& file, const DecodeOptions& options,
                               const ReaderLimits& limits) const
{
    ImageHeader header;
    {
        ByteSource source(file);
        header = parseHeader(source, limits);
    }
    if (options.frame != 0)
        throw ImageError("frame " + std::to_string(options.frame) + " does not exist (a BMP has one)", file);
    cv::Mat pixels = decodeWithOpenCv(file, 0, "BMP");
    if (pixels.cols != header.storedWidth || pixels.rows != header.storedHeight)
        throw ImageError("corrupt BMP: inconsistent image size", file);
    return finishDecode(std::move(pixels), ChannelOrder::Bgr, 1, options, file);
}

} // namespace pixmark::ingest
