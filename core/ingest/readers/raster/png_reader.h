#pragma once
// PNG: header from IHDR, pixels through OpenCV (libpng).

#include "core/ingest/image_reader.h"

namespace pixmark::ingest {

class ByteSource;

/// Reads PNG of every color type at 1..16 bits. The header probe reads IHDR and the
/// chunk headers before the image data (a tRNS chunk adds an alpha channel); decode()
/// keeps 16-bit samples for Depth::Full. Stateless; one shared instance (pngReader()).
class PngReader final : public ImageReader {
public:
    bool canRead(const FileSignature& signature) const override;
    ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const override;
    DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                        const ReaderLimits& limits) const override;

private:
    static ImageHeader parseHeader(ByteSource& source, const ReaderLimits& limits);
};

} // namespace pixmark::ingest
