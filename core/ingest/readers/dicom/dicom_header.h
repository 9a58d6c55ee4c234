#pragma once
// The image header of a parsed DICOM file, checked before anything is decoded.

#include "core/ingest/image_header.h"
#include "core/ingest/image_reader.h"

namespace pixmark::ingest {

class DicomFile;

/// Reads the image attributes (size, frames, depth, photometric interpretation, rescale,
/// windows, transfer syntax) without touching the pixel data. Throws ImageError for files
/// without an image, with inconsistent attributes, with uncompressed pixel data shorter
/// than the attributes promise, or with more pixels than limits.maxPixels.
ImageHeader readDicomHeader(const DicomFile& file, const ReaderLimits& limits);

/// Samples per pixel, bits allocated and the like, read by the decoder too; all already
/// checked by readDicomHeader.
struct DicomPixelLayout {
    int samplesPerPixel = 1;
    int bitsAllocated = 16;
    int bitsStored = 16;
};

/// The layout of a file readDicomHeader accepted.
DicomPixelLayout readDicomPixelLayout(const DicomFile& file);

} // namespace pixmark::ingest
