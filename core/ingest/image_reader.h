#pragma once
// One interface for every image reader: the header first (cheap, no pixel decoding),
// pixels second. Implementations live in core/ingest/readers/; image_readers.h picks one
// by content. Readers treat every file as hostile: any failure is an ImageError, never a
// crash, and the pixel limit is checked before any pixel buffer is allocated.

#include "core/errors.h"
#include "core/ingest/decoded_image.h"
#include "core/ingest/image_header.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace pixmark::ingest {

/// Why a file cannot be registered or decoded. what() is the full message; reason() the
/// short text stored per item ("truncated JPEG data", "JPEG 2000 is not supported: ...").
class ImageError : public Error {
public:
    ImageError(const std::string& reason, const std::filesystem::path& file)
        : Error(file.string() + ": " + reason), mReason(reason)
    {
    }
    const std::string& reason() const { return mReason; }

private:
    std::string mReason;
};

/// Limits that refuse decompression bombs before allocation. Configurable per project.
struct ReaderLimits {
    std::int64_t maxPixels = 400'000'000; ///< width * height * frames
};

/// What decode() should produce.
struct DecodeOptions {
    enum class Depth {
        Display8, ///< 8-bit; DICOM windowed (window or the file's default), MONOCHROME1 inverted
        Full,     ///< 8 or 16 bits as stored (DICOM: stored values, see ImageHeader's rescale)
    };
    Depth depth = Depth::Display8;
    int frame = 0;   ///< TIFF page / DICOM frame, 0-based
    /// When > 0, the longest side of the result is at most this (JPEG decodes scaled down
    /// directly; others are resized after decoding). Aspect ratio is kept.
    int maxSide = 0;
    std::optional<Window> window; ///< DICOM display window override
};

class ImageReader {
public:
    virtual ~ImageReader() = default;
    /// True when this reader handles files with this signature.
    virtual bool canRead(const FileSignature& signature) const = 0;
    /// Reads only the header. Throws ImageError (unreadable, corrupt, over the limit).
    virtual ImageHeader readHeader(const std::filesystem::path& file, const ReaderLimits& limits) const = 0;
    /// Decodes one frame. Throws ImageError.
    virtual DecodedImage decode(const std::filesystem::path& file, const DecodeOptions& options,
                                const ReaderLimits& limits) const = 0;
};

} // namespace pixmark::ingest
