#include "core/ingest/readers/dicom/native_dataset.h"

#include "core/ingest/image_reader.h"
#include "core/ingest/readers/dicom/dicom_text.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcelem.h>
#include <dcmtk/ofstd/ofstring.h>

#include <algorithm>
#include <array>

namespace pixmark::ingest {

namespace {
// What DicomImage reads besides the pixel module itself.
const std::array<DcmTagKey, 17> kDisplayAttributes{
    DCM_PhotometricInterpretation,
    DCM_RescaleSlope,
    DCM_RescaleIntercept,
    DCM_RescaleType,
    DCM_ModalityLUTSequence,
    DCM_WindowCenter,
    DCM_WindowWidth,
    DCM_WindowCenterWidthExplanation,
    DCM_VOILUTFunction,
    DCM_VOILUTSequence,
    DCM_PresentationLUTShape,
    DCM_RedPaletteColorLookupTableDescriptor,
    DCM_GreenPaletteColorLookupTableDescriptor,
    DCM_BluePaletteColorLookupTableDescriptor,
    DCM_RedPaletteColorLookupTableData,
    DCM_GreenPaletteColorLookupTableData,
    DCM_BluePaletteColorLookupTableData,
};
} // namespace

NativeDataset::NativeDataset(DcmDataset& original, const DecodedImage& frame, int precision,
                             const std::filesystem::path& file)
    : mDataset(std::make_unique<DcmDataset>())
{
    for (const DcmTagKey& key : kDisplayAttributes) {
        DcmElement* element = nullptr;
        if (original.findAndGetElement(key, element).good() && element) {
            auto* copy = dynamic_cast<DcmElement*>(element->clone());
            if (copy && mDataset->insert(copy, true).bad())
                delete copy;
        }
    }
    if (frame.channels == 3) {
        // OpenJPEG undoes the codestream's color transform (YBR_ICT / YBR_RCT), so the
        // samples are RGB; other color models stay as the file says.
        OFString photometric;
        original.findAndGetOFString(DCM_PhotometricInterpretation, photometric);
        const std::string model = trimmedDicomText({photometric.c_str(), photometric.length()});
        if (model == "YBR_ICT" || model == "YBR_RCT" || model.empty())
            mDataset->putAndInsertString(DCM_PhotometricInterpretation, "RGB");
        mDataset->putAndInsertUint16(DCM_PlanarConfiguration, 0);
    }
    const auto bits = Uint16(frame.bitDepth);
    const auto stored = Uint16(std::min(precision, frame.bitDepth));
    bool good = mDataset->putAndInsertUint16(DCM_Rows, Uint16(frame.height)).good() &&
                mDataset->putAndInsertUint16(DCM_Columns, Uint16(frame.width)).good() &&
                mDataset->putAndInsertUint16(DCM_SamplesPerPixel, Uint16(frame.channels)).good() &&
                mDataset->putAndInsertUint16(DCM_BitsAllocated, bits).good() &&
                mDataset->putAndInsertUint16(DCM_BitsStored, stored).good() &&
                mDataset->putAndInsertUint16(DCM_HighBit, Uint16(stored - 1)).good() &&
                mDataset->putAndInsertUint16(DCM_PixelRepresentation, frame.signedSamples ? 1 : 0).good();
    if (good && frame.bitDepth == 8)
        good = mDataset->putAndInsertUint8Array(DCM_PixelData, frame.samples8.data(),
                                                 static_cast<unsigned long>(frame.samples8.size()))
                   .good();
    else if (good)
        good = mDataset->putAndInsertUint16Array(DCM_PixelData, frame.samples16.data(),
                                                  static_cast<unsigned long>(frame.samples16.size()))
                   .good();
    if (!good)
        throw ImageError("cannot prepare the decoded JPEG 2000 frame for display", file);
}

NativeDataset::~NativeDataset() = default;

} // namespace pixmark::ingest
