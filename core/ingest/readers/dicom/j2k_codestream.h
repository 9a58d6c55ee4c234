#pragma once
// One JPEG 2000 frame of a DICOM file, checked before it is decoded.

#include "core/ingest/decoded_image.h"

#include <cstdint>
#include <filesystem>
#include <vector>

namespace pixmark::ingest {

/// A JPEG 2000 codestream (Part 1 or HTJ2K) found in a frame's bytes, either bare or
/// wrapped in a JP2 file, with its image size and sample format read from the SIZ marker.
/// Decoding goes through OpenCV's OpenJPEG decoder, which only reads unsigned samples of
/// 8 to 16 bits; signed ones are decoded as unsigned and shifted back.
class J2kCodestream {
public:
    /// Takes the frame's bytes. Throws ImageError when they hold no readable SIZ marker.
    J2kCodestream(std::vector<std::uint8_t> frame, const std::filesystem::path& file);

    /// Image size, component count, bits per sample and signedness from the SIZ marker.
    int width() const { return mWidth; }
    int height() const { return mHeight; }
    int components() const { return mComponents; }
    int precision() const { return mPrecision; }
    bool isSigned() const { return mSigned; }

    /// The stored sample values, RGB interleaved for three components: samples8 for
    /// unsigned samples of 8 bits, samples16 otherwise (signedSamples for signed ones).
    /// Throws ImageError. Call once.
    DecodedImage decode();

private:
    void readSize();

    std::vector<std::uint8_t> mBytes;
    std::size_t mStart = 0; ///< where the codestream (SOC marker) begins in mBytes
    const std::filesystem::path& mFile;
    int mWidth = 0;
    int mHeight = 0;
    int mComponents = 0;
    int mPrecision = 0;
    bool mSigned = false;
};

} // namespace pixmark::ingest
