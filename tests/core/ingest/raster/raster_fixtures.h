#pragma once
// Real image files for the raster reader tests. Encoders write what they can (OpenCV for
// PNG, TIFF and BMP; TurboJPEG for JPEG, so OpenCV's JPEG codec is never used); small
// byte-level builders write what no encoder offers (Exif and TIFF orientation, top-down
// BMP, hostile headers).

#include "tests/support/file_bytes.h"
#include "core/ingest/decoded_image.h"
#include "core/ingest/image_reader.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::test {


/// A JPEG from interleaved pixels in TurboJPEG pixelFormat (TJPF_RGB, TJPF_GRAY,
/// TJPF_CMYK) with chroma subsampling subsampling (TJSAMP_*), quality 95.
Bytes encodeJpeg(const Bytes& pixels, int width, int height, int pixelFormat, int subsampling);
/// jpeg with an APP1 Exif segment, holding only IFD0 with the orientation tag, inserted
/// right after SOI, in big-endian ("MM") or little-endian ("II") byte order.
Bytes withExifOrientation(const Bytes& jpeg, int orientation, bool bigEndian);

/// An uncompressed 8-bit gray TIFF, one strip, with an orientation tag. loop makes the
/// directory point at itself as the next page.
Bytes grayTiff(const Bytes& pixels, int width, int height, int orientation, bool bigEndian, bool loop = false);
/// A 24-bit BMP from RGB pixels, rows stored top-down (negative height) or bottom-up.
Bytes rgbBmp(const Bytes& rgb, int width, int height, bool topDown);
/// A PNG signature and IHDR for an 8-bit RGB image of the given size (valid CRC), one
/// small IDAT and IEND: a header that promises far more pixels than the file holds.
Bytes pngWithHeaderOnly(std::uint32_t width, std::uint32_t height);

/// The CRC-32 that PNG chunks carry (ISO 3309, as zlib's crc32).
std::uint32_t crc32(const unsigned char* data, std::size_t size);

/// Channel values of pixel (x, y) of an 8-bit image (channels entries used).
std::array<int, 4> pixel8(const ingest::DecodedImage& image, int x, int y);
/// Channel values of pixel (x, y) of a 16-bit image.
std::array<int, 4> pixel16(const ingest::DecodedImage& image, int x, int y);

/// The reason() of the ImageError that call throws, or "no error" when it returns.
template <class Call> std::string imageErrorReason(Call&& call)
{
    try {
        call();
    } catch (const ingest::ImageError& error) {
        return error.reason();
    }
    return "no error";
}

} // namespace pixmark::test
