#include "core/ingest/readers/raster/jpeg_reader.h"

#include "core/ingest/readers/raster/byte_order.h"
#include "core/ingest/readers/raster/byte_source.h"
#include "core/ingest/readers/raster/file_trailer.h"
#include "core/ingest/readers/raster/decode_pipeline.h"
#include "core/ingest/readers/raster/exif_orientation.h"
#include "core/ingest/readers/raster/orientation.h"
#include "core/ingest/readers/raster/pixel_limit.h"
#include "core/ingest/readers/readers.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <turbojpeg.h>
#include <vector>

namespace pixmark::ingest {

namespace {

constexpr std::uint64_t kMaxFileBytes = std::uint64_t{2} << 30;
// Garbage tolerated between segments before the file is called corrupt (libjpeg skips
// such bytes with a warning; some cameras write a few).
constexpr std::uint64_t kMaxGarbage = 64 * 1024;

struct FrameHeader {
    int marker = 0;
    int precision = 0;
    int width = 0;
    int height = 0;
    int components = 0;
};

bool isFrameMarker(int marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

[[noreturn]] void fail(const std::string& reason, const ByteSource& source)
{
    throw ImageError(reason, source.file());
}

struct TjDestroy {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDestroy>;

// Scaled decode: the smallest libjpeg-turbo scale (<= 1) whose longest side still
// reaches maxSide, so the final resize only ever shrinks a little.
tjscalingfactor scaleFor(int width, int height, int maxSide)
{
    tjscalingfactor best{1, 1};
    const int longest = std::max(width, height);
    if (maxSide <= 0 || longest <= maxSide)
        return best;
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    for (int i = 0; factors && i < count; ++i) {
        const tjscalingfactor factor = factors[i];
        if (factor.num > factor.denom)
            continue;
        if (TJSCALED(longest, factor) >= maxSide && TJSCALED(longest, factor) < TJSCALED(longest, best))
            best = factor;
    }
    return best;
}

// libjpeg-turbo's CMYK convention is Adobe's inverted one (255 means no ink), as in
// its own cmyk_to_rgb().
cv::Mat cmykToRgb(const cv::Mat& cmyk)
{
    cv::Mat rgb(cmyk.rows, cmyk.cols, CV_8UC3);
    for (int y = 0; y < cmyk.rows; ++y) {
        const auto* in = cmyk.ptr<std::uint8_t>(y);
        auto* out = rgb.ptr<std::uint8_t>(y);
        for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
            const unsigned k = in[3];
            for (int c = 0; c < 3; ++c)
                out[c] = static_cast<std::uint8_t>((in[c] * k + 127) / 255);
        }
    }
    return rgb;
}

// Entropy-coded data never holds FF D9 (a data FF is followed by 00), so an end marker
// after the frame header means the image data is all there.
bool hasEndMarker(const std::vector<unsigned char>& bytes, std::uint64_t from)
{
    const unsigned char endMarker[2] = {0xFF, 0xD9};
    const auto begin = bytes.begin() + static_cast<std::ptrdiff_t>(std::min<std::uint64_t>(from, bytes.size()));
    return std::search(begin, bytes.end(), std::begin(endMarker), std::end(endMarker)) != bytes.end();
}

// TurboJPEG reports warnings as failures. Warnings mean the decoder made up what it
// could not read, except stray bytes before a marker, which many cameras write and which
// cost nothing; libjpeg only words the first warning, so a truncation after such bytes
// is caught by looking for the end marker. Every other failure is thrown, so no
// half-decoded image gets through.
void throwOnFailure(int result, void* handle, const std::vector<unsigned char>& bytes, std::uint64_t frameOffset,
                    const std::filesystem::path& file)
{
    if (result == 0)
        return;
    const std::string message = tjGetErrorStr2(handle);
    if (tjGetErrorCode(handle) == TJERR_WARNING && message.find("extraneous bytes") != std::string::npos) {
        if (hasEndMarker(bytes, frameOffset))
            return;
        throw ImageError("truncated JPEG data", file);
    }
    if (message.find("Premature end") != std::string::npos || message.find("premature end") != std::string::npos)
        throw ImageError("truncated JPEG data", file);
    throw ImageError("corrupt JPEG data (" + message + ")", file);
}

} // namespace

const ImageReader& jpegReader()
{
    static const JpegReader reader;
    return reader;
}

bool JpegReader::canRead(const FileSignature& signature) const
{
    return detectFormat(signature) == ImageFormat::Jpeg;
}

ImageHeader JpegReader::parseHeader(ByteSource& source, const ReaderLimits& limits, std::uint64_t* frameOffset)
{
    const unsigned char* soi = source.peek(0, 2);
    if (!soi || soi[0] != 0xFF || soi[1] != 0xD8)
        fail("corrupt JPEG: no start-of-image marker", source);

    int orientation = 0; // 0 until an Exif block was seen: the first one counts
    FrameHeader frame;
    std::uint64_t pos = 2;
    std::uint64_t garbage = 0;
    while (frame.marker == 0) {
        const unsigned char* prefix = source.peek(pos, 2);
        if (!prefix)
            fail("truncated JPEG data", source);
        if (prefix[0] != 0xFF) {
            if (++garbage > kMaxGarbage)
                fail("corrupt JPEG: no segment marker where one is expected", source);
            ++pos;
            continue;
        }
        const int marker = prefix[1];
        if (marker == 0xFF) { // fill byte before a marker
            ++pos;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // markers without a length
            pos += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            fail("corrupt JPEG: image data without a frame header", source);
        const unsigned char* lengthBytes = source.peek(pos + 2, 2);
        if (!lengthBytes)
            fail("truncated JPEG data", source);
        const std::uint16_t length = load16(lengthBytes, true);
        if (length < 2)
            fail("corrupt JPEG: invalid segment length", source);
        const std::uint64_t payload = pos + 4;
        const std::uint64_t payloadSize = length - 2u;
        if (marker == 0xE1 && orientation == 0)
            orientation = exifOrientation(source, payload, payloadSize);
        if (isFrameMarker(marker)) {
            const unsigned char* sof = payloadSize >= 6 ? source.peek(payload, 6) : nullptr;
            if (!sof)
                fail(payloadSize >= 6 ? "truncated JPEG data" : "corrupt JPEG: invalid frame header", source);
            frame.marker = marker;
            if (frameOffset)
                *frameOffset = pos;
            frame.precision = sof[0];
            frame.height = load16(sof + 1, true);
            frame.width = load16(sof + 3, true);
            frame.components = sof[5];
        }
        pos = payload + payloadSize;
    }

    // libjpeg-turbo 2.1 decodes neither lossless nor hierarchical JPEG, nor 12-bit samples.
    if (frame.marker == 0xC3 || frame.marker == 0xC7 || frame.marker == 0xCB || frame.marker == 0xCF)
        fail("lossless JPEG is not supported", source);
    if (frame.marker == 0xC5 || frame.marker == 0xC6 || frame.marker == 0xCD || frame.marker == 0xCE)
        fail("hierarchical JPEG is not supported", source);
    if (frame.precision != 8)
        fail(std::to_string(frame.precision) + "-bit JPEG is not supported (only 8-bit)", source);
    if (frame.width == 0 || frame.height == 0)
        fail("corrupt JPEG: the frame header has no image size", source);
    if (frame.components != 1 && frame.components != 3 && frame.components != 4)
        fail("JPEG with " + std::to_string(frame.components) + " color components is not supported", source);

    ImageHeader header;
    header.format = ImageFormat::Jpeg;
    header.storedWidth = frame.width;
    header.storedHeight = frame.height;
    header.orientation = normalizedOrientation(orientation);
    const bool swap = swapsAxes(header.orientation);
    header.width = swap ? frame.height : frame.width;
    header.height = swap ? frame.width : frame.height;
    header.bitsPerSample = 8;
    header.channels = frame.components == 1 ? 1 : 3;
    checkPixelLimit(header.width, header.height, 1, header.pixelCount(), limits, source.file());
    return header;
}

ImageHeader JpegReader::readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const
{
    ByteSource source(file);
    ImageHeader header = parseHeader(source, limits);
    if (!hasEndMarker(source, std::string_view("\xFF\xD9", 2)))
        throw ImageError("truncated JPEG data", file);
    return header;
}

DecodedImage JpegReader::decode(const std::filesystem::path& file, const DecodeOptions& options,
                                const ReaderLimits& limits) const
{
    ByteSource source(file);
    std::uint64_t frameOffset = 0;
    const ImageHeader header = parseHeader(source, limits, &frameOffset);
    if (options.frame != 0)
        throw ImageError("frame " + std::to_string(options.frame) + " does not exist (a JPEG has one)", file);
    const std::vector<unsigned char> bytes = source.readAll(kMaxFileBytes);

    const auto jpegSize = static_cast<unsigned long>(bytes.size());
    const TjHandle handle(tjInitDecompress());
    if (!handle)
        throw ImageError("cannot start the JPEG decoder", file);
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    throwOnFailure(
        tjDecompressHeader3(handle.get(), bytes.data(), jpegSize, &width, &height, &subsampling, &colorspace),
        handle.get(), bytes, frameOffset, file);
    // The decoder allocates by its own reading of the size: refuse when it is not the
    // size the pixel limit was checked against.
    if (width != header.storedWidth || height != header.storedHeight)
        throw ImageError("corrupt JPEG: inconsistent frame headers", file);

    const bool gray = colorspace == TJCS_GRAY;
    const bool cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
    const int pixelFormat = gray ? TJPF_GRAY : cmyk ? TJPF_CMYK : TJPF_RGB;
    const tjscalingfactor scale = scaleFor(width, height, options.maxSide);
    const int scaledWidth = TJSCALED(width, scale);
    const int scaledHeight = TJSCALED(height, scale);

    cv::Mat pixels;
    try {
        pixels.create(scaledHeight, scaledWidth, CV_8UC(tjPixelSize[pixelFormat]));
    } catch (const cv::Exception&) {
        throw ImageError("not enough memory to decode the image", file);
    }
    throwOnFailure(tjDecompress2(handle.get(), bytes.data(), jpegSize, pixels.data, scaledWidth,
                                 static_cast<int>(pixels.step[0]), scaledHeight, pixelFormat, TJFLAG_LIMITSCANS),
                   handle.get(), bytes, frameOffset, file);
    if (cmyk)
        pixels = cmykToRgb(pixels);
    return finishDecode(std::move(pixels), ChannelOrder::Rgb, header.orientation, options, file);
}

} // namespace pixmark::ingest
