#pragma once
// The part of decoding that is the same for every raster format: the decoder hands over
// stored pixels, this turns them into what DecodedImage promises.

#include "core/ingest/decoded_image.h"
#include "core/ingest/image_reader.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <string_view>

namespace pixmark::ingest {

/// The channel order a decoder produced (OpenCV: BGR(A); TurboJPEG: whatever was asked).
enum class ChannelOrder { Rgb, Bgr };

/// Finishes a decode: 8- or 16-bit unsigned pixels with 1..4 channels (2 = gray + alpha)
/// become RGB(A) order (gray stays 1 channel, gray + alpha becomes RGBA), the depth
/// options.depth asks for (16-bit to 8-bit keeps the high byte), the displayed
/// orientation, and at most options.maxSide on the longest side (INTER_AREA). Consumes
/// pixels. Throws ImageError for any other pixel type.
DecodedImage finishDecode(cv::Mat pixels, ChannelOrder order, int orientation, const DecodeOptions& options,
                          const std::filesystem::path& file);

/// Page `page` of a PNG, BMP or TIFF file as OpenCV decodes it with IMREAD_UNCHANGED
/// (16-bit kept, alpha kept, BGR order, no orientation applied). Call only after the
/// header passed the pixel limit. Throws ImageError ("corrupt or truncated PNG data")
/// when OpenCV decodes nothing; formatName ("PNG") words the message.
cv::Mat decodeWithOpenCv(const std::filesystem::path& file, int page, std::string_view formatName);

} // namespace pixmark::ingest
