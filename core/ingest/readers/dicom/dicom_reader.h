#pragma once
// The DICOM image reader (DCMTK, plus OpenCV for JPEG 2000 frames).

#include "core/ingest/image_reader.h"

namespace pixmark::ingest {

/// Reads DICOM files: uncompressed, deflated, JPEG (baseline, extended, lossless), JPEG-LS
/// and RLE through DCMTK; JPEG 2000 and HTJ2K frames through OpenCV's OpenJPEG decoder
/// and then DCMTK for display. Every failure, including DCMTK and OpenCV exceptions and
/// allocation failures, leaves as an ImageError. Stateless; safe to use from many threads.
class DicomReader final : public ImageReader {
public:
    bool canRead(const FileSignature& signature) const override;
    ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const override;
    DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                        const ReaderLimits& limits) const override;
};

} // namespace pixmark::ingest
