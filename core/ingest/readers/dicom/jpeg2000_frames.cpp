#include "core/ingest/readers/dicom/jpeg2000_frames.h"

#include "core/ingest/image_reader.h"
#include "core/ingest/readers/dicom/dicom_file.h"
#include "core/ingest/readers/dicom/encapsulated_frames.h"
#include "core/ingest/readers/dicom/j2k_codestream.h"

#include <dcmtk/dcmdata/dcdatset.h>
#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>

namespace pixmark::ingest {

Jpeg2000Frame decodeJpeg2000Frame(const DicomFile& file, const ImageHeader& header, int frame)
{
    const auto& path = file.path();
    DcmElement* element = nullptr;
    file.dataset().findAndGetElement(DCM_PixelData, element);
    auto* pixelData = dynamic_cast<DcmPixelData*>(element);
    DcmPixelSequence* sequence = nullptr;
    if (pixelData) {
        // The representation the file was read with: for syntaxes DCMTK does not know
        // (HTJ2K) that is a native one, yet the fragments are there all the same.
        E_TransferSyntax xfer = EXS_Unknown;
        const DcmRepresentationParameter* parameter = nullptr;
        pixelData->getOriginalRepresentationKey(xfer, parameter);
        if (pixelData->getEncapsulatedRepresentation(xfer, parameter, sequence).bad())
            sequence = nullptr;
    }
    if (!sequence)
        throw ImageError(header.transferSyntaxName + ": the pixel data is not encapsulated", path);

    J2kCodestream codestream(EncapsulatedFrames(*sequence, header.frames, path).frame(frame), path);
    if (codestream.width() != header.storedWidth || codestream.height() != header.storedHeight)
        throw ImageError(header.transferSyntaxName + ": the codestream is " + std::to_string(codestream.width()) +
                             " x " + std::to_string(codestream.height()) + ", the header says " +
                             std::to_string(header.storedWidth) + " x " + std::to_string(header.storedHeight),
                         path);
    const int samples = header.channels == 1 || header.photometric == "PALETTE COLOR" ? 1 : 3;
    if (codestream.components() != samples)
        throw ImageError(header.transferSyntaxName + ": the codestream has " + std::to_string(codestream.components()) +
                             " components, the header says " + std::to_string(samples),
                         path);
    return {codestream.decode(), codestream.precision()};
}

} // namespace pixmark::ingest
