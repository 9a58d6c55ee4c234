#include "core/ingest/readers/dicom/dicom_renderer.h"

#include <dcmtk/dcmimage/diregist.h>
#include <dcmtk/dcmimgle/dcmimage.h>
#include <dcmtk/dcmimgle/dipixel.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pixmark::ingest {

namespace {

std::size_t pixelsOf(const DecodedImage& image)
{
    return std::size_t(image.width) * std::size_t(image.height);
}

template <class Sample>
void copyStored(const DiPixel& pixels, DecodedImage& out)
{
    const auto* source = static_cast<const Sample*>(pixels.getData());
    const std::size_t count = pixelsOf(out);
    if (out.bitDepth == 8)
        out.samples8.assign(source, source + count);
    else
        out.samples16.assign(source, source + count); // int16 kept as its two's complement
}

DecodedImage reduced(DecodedImage image, int maxSide)
{
    const int longest = std::max(image.width, image.height);
    if (longest <= maxSide)
        return image;
    const double scale = double(maxSide) / longest;
    const cv::Size size(std::max(1, int(std::lround(image.width * scale))),
                        std::max(1, int(std::lround(image.height * scale))));
    const int type = image.bitDepth == 8 ? CV_8UC(image.channels) : image.signedSamples ? CV_16SC1 : CV_16UC1;
    void* data = image.bitDepth == 8 ? static_cast<void*>(image.samples8.data()) : image.samples16.data();
    const cv::Mat source(image.height, image.width, type, data);
    cv::Mat target;
    cv::resize(source, target, size, 0, 0, cv::INTER_AREA);
    image.width = target.cols;
    image.height = target.rows;
    const std::size_t count = pixelsOf(image) * std::size_t(image.channels);
    if (image.bitDepth == 8)
        image.samples8.assign(target.data, target.data + count);
    else
        image.samples16.assign(target.ptr<std::uint16_t>(), target.ptr<std::uint16_t>() + count);
    return image;
}

} // namespace

DicomRenderer::DicomRenderer(const ImageHeader& header, const std::filesystem::path& file)
    : mHeader(header), mFile(file)
{
}

DecodedImage DicomRenderer::render(DcmObject& data, E_TransferSyntax xfer, unsigned long frame,
                                   const DecodeOptions& options) const
{
    const bool full = options.depth == DecodeOptions::Depth::Full;
    unsigned long flags = CIF_UsePartialAccessToPixelData;
    if (full)
        flags |= CIF_IgnoreModalityTransformation; // the header carries slope and intercept
    DicomImage image(&data, xfer, flags, frame, 1);
    if (image.getStatus() != EIS_Normal)
        throw ImageError("cannot decode the DICOM pixel data (" + mHeader.transferSyntaxName +
                             "): " + DicomImage::getString(image.getStatus()),
                         mFile);
    if (image.getWidth() != unsigned(mHeader.storedWidth) || image.getHeight() != unsigned(mHeader.storedHeight))
        throw ImageError("DICOM pixel data does not match Rows / Columns", mFile);

    DecodedImage out;
    out.width = mHeader.storedWidth;
    out.height = mHeader.storedHeight;
    out.channels = image.isMonochrome() ? 1 : 3;
    if (full && image.isMonochrome()) {
        const DiPixel* pixels = image.getInterData();
        if (!pixels || pixels->getData() == nullptr || pixels->getCount() < pixelsOf(out))
            throw ImageError("DICOM pixel data could not be read", mFile);
        // The depth follows the file, not DCMTK's internal type, which may be narrower
        // when the values happen to fit.
        out.signedSamples = mHeader.signedPixels;
        out.bitDepth = mHeader.bitsPerSample > 8 || mHeader.signedPixels ? 16 : 8;
        switch (pixels->getRepresentation()) {
        case EPR_Uint8:
            copyStored<Uint8>(*pixels, out);
            break;
        case EPR_Sint8:
            copyStored<Sint8>(*pixels, out);
            break;
        case EPR_Uint16:
            copyStored<Uint16>(*pixels, out);
            break;
        case EPR_Sint16:
            copyStored<Sint16>(*pixels, out);
            break;
        default:
            throw ImageError("DICOM pixel data with " + std::to_string(mHeader.bitsPerSample) +
                                 " bits per sample can be displayed but not kept at full depth (16 bits at most)",
                             mFile);
        }
        return options.maxSide > 0 ? reduced(std::move(out), options.maxSide) : out;
    }

    if (image.isMonochrome()) {
        if (options.window) {
            if (!(options.window->width > 0) || !image.setWindow(options.window->center, options.window->width))
                throw ImageError("invalid display window (the width must be above 0)", mFile);
        } else if (!(image.getWindowCount() > 0 && image.setWindow(0)) &&
                   !(image.getVoiLutCount() > 0 && image.setVoiLut(0))) {
            image.setMinMaxWindow(0);
        }
    }
    const std::size_t size = pixelsOf(out) * std::size_t(out.channels);
    const void* rendered = image.getOutputData(8, 0, 0);
    if (!rendered || image.getOutputDataSize(8) < size)
        throw ImageError("cannot render the DICOM pixel data (" + mHeader.transferSyntaxName + ")", mFile);
    const auto* bytes = static_cast<const std::uint8_t*>(rendered);
    out.samples8.assign(bytes, bytes + size);
    return options.maxSide > 0 ? reduced(std::move(out), options.maxSide) : out;
}

} // namespace pixmark::ingest
