#include "core/ingest/readers/raster/tiff_reader.h"

#include "core/ingest/readers/raster/byte_source.h"
#include "core/ingest/readers/raster/decode_pipeline.h"
#include "core/ingest/readers/raster/orientation.h"
#include "core/ingest/readers/raster/pixel_limit.h"
#include "core/ingest/readers/raster/tiff_ifd_reader.h"
#include "core/ingest/readers/readers.h"

#include <algorithm>
#include <limits>
#include <string>
#include <unordered_set>

namespace pixmark::ingest {

namespace {

enum Tag : std::uint16_t {
    kImageWidth = 256,
    kImageLength = 257,
    kBitsPerSample = 258,
    kPhotometric = 262,
    kOrientation = 274,
    kSamplesPerPixel = 277,
    kSampleFormat = 339,
};
constexpr int kPalette = 3;
constexpr std::size_t kMaxPages = 65536;

// The sample layouts this reader promises, worded for the person whose file it is.
void checkSamples(int bitsPerSample, int sampleFormat, const std::filesystem::path& file)
{
    if (sampleFormat == 3)
        throw ImageError("floating-point TIFF is not supported", file);
    if (sampleFormat != 1)
        throw ImageError("TIFF with signed or complex samples is not supported", file);
    if (bitsPerSample != 1 && bitsPerSample != 2 && bitsPerSample != 4 && bitsPerSample != 8 && bitsPerSample != 16)
        throw ImageError("TIFF with " + std::to_string(bitsPerSample) + "-bit samples is not supported", file);
}

} // namespace

const ImageReader& tiffReader()
{
    static const TiffReader reader;
    return reader;
}

bool TiffReader::canRead(const FileSignature& signature) const
{
    return detectFormat(signature) == ImageFormat::Tiff;
}

std::vector<TiffReader::Page> TiffReader::readPages(ByteSource& source, const ReaderLimits& limits)
{
    const auto& file = source.file();
    TiffIfdReader tiff(source, 0, source.size());
    if (!tiff.valid())
        throw ImageError("corrupt TIFF header", file);

    std::vector<Page> pages;
    std::unordered_set<std::uint32_t> visited;
    std::int64_t totalPixels = 0;
    for (std::uint32_t offset = tiff.firstIfd(); offset != 0;) {
        if (pages.size() == kMaxPages)
            throw ImageError("TIFF with more than " + std::to_string(kMaxPages) + " pages is not supported", file);
        if (!visited.insert(offset).second)
            throw ImageError("corrupt TIFF: the page list loops", file);
        const auto ifd = tiff.readIfd(offset);
        if (!ifd)
            throw ImageError(offset < 8 ? "corrupt TIFF: invalid directory offset" : "truncated TIFF data", file);
        const auto width = tiff.value(*ifd, kImageWidth);
        const auto height = tiff.value(*ifd, kImageLength);
        const auto maxSide = static_cast<std::uint32_t>(std::numeric_limits<int>::max());
        if (!width || !height || *width == 0 || *height == 0 || *width > maxSide || *height > maxSide)
            throw ImageError("corrupt TIFF: page " + std::to_string(pages.size() + 1) + " has no valid image size",
                             file);
        Page page;
        page.width = static_cast<int>(*width);
        page.height = static_cast<int>(*height);
        page.bitsPerSample = static_cast<int>(tiff.value(*ifd, kBitsPerSample).value_or(1));
        page.samplesPerPixel = static_cast<int>(tiff.value(*ifd, kSamplesPerPixel).value_or(1));
        page.photometric = static_cast<int>(tiff.value(*ifd, kPhotometric).value_or(-1));
        page.sampleFormat = static_cast<int>(tiff.value(*ifd, kSampleFormat).value_or(1));
        page.orientation = normalizedOrientation(tiff.value(*ifd, kOrientation).value_or(1));
        pages.push_back(page);
        // Saturates instead of overflowing: anything this large is refused anyway.
        totalPixels = std::min(totalPixels + std::int64_t{page.width} * page.height,
                               std::numeric_limits<std::int64_t>::max() / 2);
        offset = ifd->next;
    }
    if (pages.empty())
        throw ImageError("corrupt TIFF: no pages", file);
    checkPixelLimit(pages.front().width, pages.front().height, static_cast<int>(pages.size()), totalPixels, limits,
                    file);
    return pages;
}

ImageHeader TiffReader::readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const
{
    ByteSource source(file);
    const std::vector<Page> pages = readPages(source, limits);
    const Page& first = pages.front();
    checkSamples(first.bitsPerSample, first.sampleFormat, file);

    ImageHeader header;
    header.format = ImageFormat::Tiff;
    header.storedWidth = first.width;
    header.storedHeight = first.height;
    header.orientation = first.orientation;
    const bool swap = swapsAxes(first.orientation);
    header.width = swap ? first.height : first.width;
    header.height = swap ? first.width : first.height;
    header.frames = static_cast<int>(pages.size());
    // As OpenCV decodes them: palettes expand to RGB, and gray + alpha goes through
    // libtiff's RGBA path, which keeps neither the alpha nor 16 bits.
    const bool grayAlpha = first.samplesPerPixel == 2;
    header.bitsPerSample = first.bitsPerSample == 16 && !grayAlpha ? 16 : 8;
    if (first.photometric == kPalette)
        header.channels = 3;
    else if (first.samplesPerPixel <= 2)
        header.channels = 1;
    else
        header.channels = first.samplesPerPixel == 3 ? 3 : 4;
    return header;
}

DecodedImage TiffReader::decode(const std::filesystem::path& file, const DecodeOptions& options,
                                const ReaderLimits& limits) const
{
    std::vector<Page> pages;
    {
        ByteSource source(file);
        pages = readPages(source, limits);
    }
    if (options.frame < 0 || static_cast<std::size_t>(options.frame) >= pages.size())
        throw ImageError("page " + std::to_string(options.frame + 1) + " does not exist (the file has " +
                             std::to_string(pages.size()) + ")",
                         file);
    const Page& page = pages[static_cast<std::size_t>(options.frame)];
    checkSamples(page.bitsPerSample, page.sampleFormat, file);
    cv::Mat pixels = decodeWithOpenCv(file, options.frame, "TIFF");
    // OpenCV's TIFF decoder applies tag 274 itself, whatever the imread flags (all eight
    // values, 8 and 16 bits, strips and tiles; the orientation test holds it to the Exif
    // definitions), so the pixels arrive as displayed and are not turned a second time.
    const bool swap = swapsAxes(page.orientation);
    if (pixels.cols != (swap ? page.height : page.width) || pixels.rows != (swap ? page.width : page.height))
        throw ImageError("corrupt TIFF: inconsistent image size", file);
    return finishDecode(std::move(pixels), ChannelOrder::Bgr, 1, options, file);
}

} // namespace pixmark::ingest
