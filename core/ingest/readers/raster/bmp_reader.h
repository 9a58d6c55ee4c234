#pragma once
// BMP: header from BITMAPFILEHEADER + BITMAPINFOHEADER (or the old core header), pixels
// through OpenCV.

#include "core/ingest/image_reader.h"

namespace pixmark::ingest {

class ByteSource;

/// Reads Windows BMP at 1, 4, 8, 16, 24 and 32 bits per pixel, uncompressed, RLE or
/// bitfields, bottom-up or top-down (negative height). Palettes of grays decode to one
/// channel, 32-bit bitfields to RGBA. The probe also refuses uncompressed files shorter
/// than their pixel rows. Stateless; one shared instance (bmpReader()).
class BmpReader final : public ImageReader {
public:
    bool canRead(const FileSignature& signature) const override;
    ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const override;
    DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                        const ReaderLimits& limits) const override;

private:
    static ImageHeader parseHeader(ByteSource& source, const ReaderLimits& limits);
};

} // namespace pixmark::ingest
