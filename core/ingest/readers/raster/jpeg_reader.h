#pragma once
// JPEG through libjpeg-turbo's TurboJPEG API only: OpenCV 4.6's JPEG path is affected by
// CVE-2025-53644, so OpenCV never sees a JPEG.

#include "core/ingest/image_reader.h"

#include <cstdint>

namespace pixmark::ingest {

class ByteSource;

/// Reads 8-bit JPEG (baseline, extended, progressive, arithmetic-coded) in gray, YCbCr,
/// RGB, CMYK and YCCK. The header probe walks the segments up to the frame header (SOF)
/// and picks up the Exif orientation on the way; it never touches entropy-coded data.
/// decode() lets the decoder scale down by 1/2, 1/4 or 1/8 when options.maxSide allows,
/// keeps gray as one channel, converts CMYK to RGB, and refuses truncated data.
/// Stateless; one shared instance (jpegReader()) serves all threads.
class JpegReader final : public ImageReader {
public:
    bool canRead(const FileSignature& signature) const override;
    ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const override;
    DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                        const ReaderLimits& limits) const override;

private:
    /// Walks the segments up to the frame header; frameOffset, when given, receives its
    /// file offset (everything after it is the image itself, not Exif thumbnails).
    static ImageHeader parseHeader(ByteSource& source, const ReaderLimits& limits,
                                   std::uint64_t* frameOffset = nullptr);
};

} // namespace pixmark::ingest
