#include "core/ingest/readers/raster/png_reader.h"

#include "core/ingest/readers/raster/byte_order.h"
#include "core/ingest/readers/raster/byte_source.h"
#include "core/ingest/readers/raster/file_trailer.h"
#include "core/ingest/readers/raster/decode_pipeline.h"
#include "core/ingest/readers/raster/pixel_limit.h"
#include "core/ingest/readers/readers.h"

#include <cstring>
#include <string>

namespace pixmark::ingest {

namespace {

constexpr std::size_t kSignatureSize = 8;
constexpr std::uint32_t kMaxDimension = 0x7FFFFFFF; // PNG's own limit
// Chunk headers looked at for tRNS before giving up; metadata-heavy files stop early.
constexpr int kMaxChunksBeforeData = 64;

bool validDepth(int colorType, int bitDepth)
{
    switch (colorType) {
    case 0:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
    case 3:
        return bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
    case 2:
    case 4:
    case 6:
        return bitDepth == 8 || bitDepth == 16;
    default:
        return false;
    }
}

// OpenCV turns a tRNS chunk in an RGB or palette image into an alpha channel.
bool hasTransparencyChunk(ByteSource& source, std::uint64_t pos)
{
    for (int i = 0; i < kMaxChunksBeforeData; ++i) {
        const unsigned char* chunk = source.peek(pos, 8);
        if (!chunk)
            return false;
        if (std::memcmp(chunk + 4, "tRNS", 4) == 0)
            return true;
        if (std::memcmp(chunk + 4, "IDAT", 4) == 0)
            return false;
        pos += 12 + std::uint64_t{load32(chunk, true)};
    }
    return false;
}

} // namespace

const ImageReader& pngReader()
{
    static const PngReader reader;
    return reader;
}

bool PngReader::canRead(const FileSignature& signature) const
{
    return detectFormat(signature) == ImageFormat::Png;
}

ImageHeader PngReader::parseHeader(ByteSource& source, const ReaderLimits& limits)
{
    const auto& file = source.file();
    // Signature, then IHDR: length 13, type, width, height, depth, color type, ..., CRC.
    const unsigned char* ihdr = source.peek(0, kSignatureSize + 8 + 13 + 4);
    if (!ihdr)
        throw ImageError("truncated PNG data", file);
    ihdr += kSignatureSize;
    if (load32(ihdr, true) != 13 || std::memcmp(ihdr + 4, "IHDR", 4) != 0)
        throw ImageError("corrupt PNG: the first chunk is not IHDR", file);
    const std::uint32_t width = load32(ihdr + 8, true);
    const std::uint32_t height = load32(ihdr + 12, true);
    const int bitDepth = ihdr[16];
    const int colorType = ihdr[17];
    if (width == 0 || height == 0 || width > kMaxDimension || height > kMaxDimension)
        throw ImageError("corrupt PNG: invalid image size", file);
    if (!validDepth(colorType, bitDepth))
        throw ImageError("corrupt PNG: invalid bit depth " + std::to_string(bitDepth) + " for color type " +
                             std::to_string(colorType),
                         file);

    ImageHeader header;
    header.format = ImageFormat::Png;
    header.width = header.storedWidth = static_cast<int>(width);
    header.height = header.storedHeight = static_cast<int>(height);
    header.bitsPerSample = bitDepth == 16 ? 16 : 8;
    // The limit comes before the chunk walk: a refused file costs no further read.
    checkPixelLimit(header.width, header.height, 1, header.pixelCount(), limits, file);
    switch (colorType) {
    case 0:
        header.channels = 1;
        break;
    case 2:
    case 3:
        header.channels = hasTransparencyChunk(source, kSignatureSize + 8 + 13 + 4) ? 4 : 3;
        break;
    default:
        header.channels = 4;
        break;
    }
    return header;
}

ImageHeader PngReader::readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const
{
    ByteSource source(file);
    ImageHeader header = parseHeader(source, limits);
    if (!hasEndMarker(source, "IEND"))
        throw ImageError("truncated PNG data", file);
    return header;
}

DecodedImage PngReader::decode(const std::filesystem::path& file, const DecodeOptions& options,
                               const ReaderLimits& limits) const
{
    ImageHeader header;
    {
        ByteSource source(file);
        header = parseHeader(source, limits);
    }
    if (options.frame != 0)
        throw ImageError("frame " + std::to_string(options.frame) + " does not exist (a PNG has one)", file);
    cv::Mat pixels = decodeWithOpenCv(file, 0, "PNG");
    if (pixels.cols != header.storedWidth || pixels.rows != header.storedHeight)
        throw ImageError("corrupt PNG: inconsistent image size", file);
    return finishDecode(std::move(pixels), ChannelOrder::Bgr, 1, options, file);
}

} // namespace pixmark::ingest
