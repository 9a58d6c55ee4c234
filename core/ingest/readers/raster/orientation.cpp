#include "core/ingest/readers/raster/orientation.h"

namespace pixmark::ingest {

int normalizedOrientation(long value)
{
    return value >= 1 && value <= 8 ? static_cast<int>(value) : 1;
}

bool swapsAxes(int orientation)
{
    return orientation >= 5 && orientation <= 8;
}

cv::Mat applyOrientation(const cv::Mat& stored, int orientation)
{
    cv::Mat shown;
    switch (orientation) {
    case 2: // mirrored left to right
        cv::flip(stored, shown, 1);
        break;
    case 3:
        cv::rotate(stored, shown, cv::ROTATE_180);
        break;
    case 4: // mirrored top to bottom
        cv::flip(stored, shown, 0);
        break;
    case 5: // mirrored along the main diagonal
        cv::transpose(stored, shown);
        break;
    case 6:
        cv::rotate(stored, shown, cv::ROTATE_90_CLOCKWISE);
        break;
    case 7: { // mirrored along the anti-diagonal
        cv::Mat transposed;
        cv::transpose(stored, transposed);
        cv::flip(transposed, shown, -1);
        break;
    }
    case 8:
        cv::rotate(stored, shown, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    default:
        shown = stored;
        break;
    }
    return shown;
}

} // namespace pixmark::ingest
