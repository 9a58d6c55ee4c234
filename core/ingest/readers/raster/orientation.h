#pragma once
// EXIF orientation (JPEG APP1 Exif and TIFF tag 274 share the same eight values), applied
// the same way by every raster reader.

#include <opencv2/core.hpp>

namespace pixmark::ingest {

/// The orientation value itself when it is 1..8, otherwise 1 (absent or nonsense).
int normalizedOrientation(long value);

/// True for orientations 5..8, whose displayed width is the stored height.
bool swapsAxes(int orientation);

/// The pixels as they are meant to be displayed, from pixels as stored under this
/// orientation (6: stored top-left shows at the top right, i.e. rotate 90° clockwise).
/// Returns the input itself (shared data) for orientation 1.
cv::Mat applyOrientation(const cv::Mat& stored, int orientation);

} // namespace pixmark::ingest
