#pragma once
// JPEG 2000 frames of a DICOM file, which DCMTK 3.6.7 cannot decode.

#include "core/ingest/decoded_image.h"
#include "core/ingest/image_header.h"

namespace pixmark::ingest {

class DicomFile;

/// One decoded JPEG 2000 frame: stored values (see J2kCodestream::decode) and how many of
/// their bits are significant. The codestream's precision and signedness win over Bits
/// Stored and Pixel Representation, which some writers get wrong.
struct Jpeg2000Frame {
    DecodedImage samples;
    int precision = 0;
};

/// Decodes frame (0-based) of a JPEG 2000 or HTJ2K file after checking that the
/// codestream's size and component count match the header. Throws ImageError.
Jpeg2000Frame decodeJpeg2000Frame(const DicomFile& file, const ImageHeader& header, int frame);

} // namespace pixmark::ingest
