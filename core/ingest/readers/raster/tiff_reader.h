#pragma once
// TIFF: header from a walk over the image file directories, pixels through OpenCV
// (libtiff), one page at a time.

#include "core/ingest/image_reader.h"

#include <cstdint>
#include <vector>

namespace pixmark::ingest {

class ByteSource;

/// Reads baseline TIFF in either byte order: 1..16-bit unsigned samples, gray, RGB,
/// RGBA, palette, multi-page (each page is a frame, browsable with DecodeOptions.frame),
/// with the orientation tag (274) applied. The probe counts the pages by walking the
/// directory chain (loops and offsets past the end are refused) and checks the pixels of
/// all pages together against the limit. Stateless; one shared instance (tiffReader()).
class TiffReader final : public ImageReader {
public:
    bool canRead(const FileSignature& signature) const override;
    ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const override;
    DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                        const ReaderLimits& limits) const override;

private:
    /// What the probe learns about one page.
    struct Page {
        int width = 0;
        int height = 0;
        int bitsPerSample = 1;
        int samplesPerPixel = 1;
        int photometric = -1;
        int sampleFormat = 1;
        int orientation = 1;
    };
    /// Walks the pages of source and checks their pixels against limits. Throws ImageError.
    static std::vector<Page> readPages(ByteSource& source, const ReaderLimits& limits);
};

} // namespace pixmark::ingest
