#include "core/ingest/readers/dicom/dicom_header.h"

#include "core/ingest/readers/dicom/dicom_file.h"
#include "core/ingest/readers/dicom/dicom_text.h"
#include "core/ingest/readers/dicom/dicom_transfer_syntax.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/dcmdata/dcxfer.h>
#include <dcmtk/ofstd/ofstring.h>

#include <charconv>
#include <cmath>
#include <cstdint>

namespace pixmark::ingest {

namespace {

int uint16Of(DcmDataset& data, const DcmTagKey& key, int fallback)
{
    Uint16 value = 0;
    return data.findAndGetUint16(key, value).good() ? int{value} : fallback;
}

double float64Of(DcmDataset& data, const DcmTagKey& key, double fallback)
{
    Float64 value = 0;
    if (data.findAndGetFloat64(key, value).bad() || !std::isfinite(value))
        return fallback;
    return value;
}

int framesOf(DcmDataset& data, const std::filesystem::path& path)
{
    OFString raw;
    if (data.findAndGetOFString(DCM_NumberOfFrames, raw).bad())
        return 1;
    const std::string text = trimmedDicomText({raw.c_str(), raw.length()});
    if (text.empty())
        return 1;
    // DCMTK reads "1A" as 1; a file that cannot say how many frames it has is refused
    // rather than shown with a guess.
    int frames = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), frames);
    if (error != std::errc() || end != text.data() + text.size() || frames < 1)
        throw ImageError("invalid Number of Frames \"" + text + "\"", path);
    return frames;
}

std::vector<Window> windowsOf(DcmDataset& data)
{
    std::vector<Window> windows;
    DcmElement* centers = nullptr;
    DcmElement* widths = nullptr;
    if (data.findAndGetElement(DCM_WindowCenter, centers).bad() ||
        data.findAndGetElement(DCM_WindowWidth, widths).bad())
        return windows;
    const unsigned long count = std::min(centers->getVM(), widths->getVM());
    for (unsigned long i = 0; i < count; ++i) {
        Float64 center = 0;
        Float64 width = 0;
        if (centers->getFloat64(center, i).good() && widths->getFloat64(width, i).good() &&
            std::isfinite(center) && std::isfinite(width))
            windows.push_back({center, width});
    }
    return windows;
}

void checkNativeLength(const DicomFile& file, const ImageHeader& header, const DicomPixelLayout& layout)
{
    DcmElement* pixels = nullptr;
    if (file.dataset().findAndGetElement(DCM_PixelData, pixels).bad())
        return;
    const Uint32 length = pixels->getLengthField();
    if (length == DCM_UndefinedLength || DcmXfer(file.dataset().getOriginalXfer()).isEncapsulated())
        return;
    // 4:2:2 data stores two samples per pixel instead of three.
    const bool subsampled = header.photometric == "YBR_FULL_422" || header.photometric == "YBR_PARTIAL_422";
    const std::uint64_t samples = subsampled && layout.samplesPerPixel == 3 ? 2 : std::uint64_t(layout.samplesPerPixel);
    const std::uint64_t frameBits = std::uint64_t(header.storedWidth) * std::uint64_t(header.storedHeight) * samples *
                                    std::uint64_t(layout.bitsAllocated);
    const std::uint64_t needed = (frameBits * std::uint64_t(header.frames) + 7) / 8;
    if (length < needed)
        throw ImageError("DICOM pixel data is shorter than the image (" + std::to_string(length) + " of " +
                             std::to_string(needed) + " bytes)",
                         file.path());
}

} // namespace

DicomPixelLayout readDicomPixelLayout(const DicomFile& file)
{
    DcmDataset& data = file.dataset();
    DicomPixelLayout layout;
    layout.samplesPerPixel = uint16Of(data, DCM_SamplesPerPixel, 1);
    layout.bitsAllocated = uint16Of(data, DCM_BitsAllocated, 0);
    layout.bitsStored = uint16Of(data, DCM_BitsStored, layout.bitsAllocated);
    return layout;
}

ImageHeader readDicomHeader(const DicomFile& file, const ReaderLimits& limits)
{
    DcmDataset& data = file.dataset();
    const auto& path = file.path();
    if (!data.tagExists(DCM_PixelData)) {
        if (data.tagExists(DCM_FloatPixelData) || data.tagExists(DCM_DoubleFloatPixelData))
            throw ImageError("DICOM floating-point pixel data (e.g. a parametric map) is not supported", path);
        throw ImageError("DICOM file without image data (e.g. a structured report)", path);
    }

    ImageHeader header;
    header.format = ImageFormat::Dicom;
    header.storedWidth = uint16Of(data, DCM_Columns, 0);
    header.storedHeight = uint16Of(data, DCM_Rows, 0);
    if (header.storedWidth == 0 || header.storedHeight == 0)
        throw ImageError("DICOM image without Rows / Columns", path);
    header.width = header.storedWidth;
    header.height = header.storedHeight;
    header.frames = framesOf(data, path);
    if (header.pixelCount() > limits.maxPixels)
        throw ImageError("image too large: " + std::to_string(header.storedWidth) + " x " +
                             std::to_string(header.storedHeight) + " x " + std::to_string(header.frames) +
                             " frames is over the limit of " + std::to_string(limits.maxPixels) + " pixels",
                         path);

    const DicomPixelLayout layout = readDicomPixelLayout(file);
    if (layout.samplesPerPixel != 1 && layout.samplesPerPixel != 3 && layout.samplesPerPixel != 4)
        throw ImageError("unsupported DICOM Samples per Pixel " + std::to_string(layout.samplesPerPixel), path);
    if (layout.bitsAllocated < 1 || layout.bitsAllocated > 32)
        throw ImageError("unsupported DICOM Bits Allocated " + std::to_string(layout.bitsAllocated), path);
    if (layout.bitsStored < 1 || layout.bitsStored > layout.bitsAllocated)
        throw ImageError("inconsistent DICOM Bits Stored " + std::to_string(layout.bitsStored) + " for Bits Allocated " +
                             std::to_string(layout.bitsAllocated),
                         path);

    OFString photometric;
    data.findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    header.photometric = trimmedDicomText({photometric.c_str(), photometric.length()});
    header.bitsPerSample = layout.bitsStored;
    header.channels = layout.samplesPerPixel == 1 && header.photometric != "PALETTE COLOR" ? 1 : 3;
    header.signedPixels = uint16Of(data, DCM_PixelRepresentation, 0) == 1;
    header.rescaleSlope = float64Of(data, DCM_RescaleSlope, 1.0);
    header.rescaleIntercept = float64Of(data, DCM_RescaleIntercept, 0.0);
    header.windows = windowsOf(data);
    header.transferSyntaxUid = file.transferSyntaxUid();
    header.transferSyntaxName = transferSyntaxName(header.transferSyntaxUid);
    checkNativeLength(file, header, layout);
    return header;
}

} // namespace pixmark::ingest
