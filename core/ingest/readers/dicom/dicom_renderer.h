#pragma once
// DICOM pixels through DCMTK's DicomImage, as DecodedImage.

#include "core/ingest/image_header.h"
#include "core/ingest/image_reader.h"

#include <dcmtk/dcmdata/dcxfer.h>

#include <filesystem>

class DcmObject;

namespace pixmark::ingest {

/// Renders one frame of a DICOM data set with DicomImage: decompression (JPEG, JPEG-LS,
/// RLE), rescale, VOI LUT and windows, MONOCHROME1 inversion, palette color, YBR and
/// planar configuration all happen inside DCMTK. Only the requested frame is read.
class DicomRenderer {
public:
    /// header: what readDicomHeader found; file: named in errors.
    DicomRenderer(const ImageHeader& header, const std::filesystem::path& file);

    /// Renders frame (0-based) of data, stored in xfer. Depth::Display8: 8 bits per sample, monochrome windowed by options.window, else the
    /// file's first window, else its first VOI LUT, else the frame's min-max range.
    /// Depth::Full: monochrome as stored values (no rescale, no window, no inversion) in
    /// samples8 (unsigned, at most 8 bits) or samples16; color as 8-bit RGB.
    /// maxSide > 0 shrinks the result (area averaging). Throws ImageError.
    DecodedImage render(DcmObject& data, E_TransferSyntax xfer, unsigned long frame,
                        const DecodeOptions& options) const;

private:
    const ImageHeader& mHeader;
    const std::filesystem::path& mFile;
};

} // namespace pixmark::ingest
