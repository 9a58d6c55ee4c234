#pragma once
// The pixels of the image on a canvas, at full resolution and full depth, with halved
// levels below it, cut into tiles on demand. The canvas paints only the tiles it sees, from
// the level that matches the zoom, so a 20,000 x 20,000 image never becomes one giant
// texture and zooming out never scales a full-resolution buffer.

#include "core/ingest/decoded_image.h"
#include "core/ingest/image_header.h"
#include "widgets/canvas/window_level.h"

#include <QCoreApplication>
#include <QImage>
#include <QRect>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace pixmark {

/// Immutable once built (shared between the decoding thread and the canvas).
class ImagePyramid {
    Q_DECLARE_TR_FUNCTIONS(pixmark::ImagePyramid)

public:
    /// Builds the levels from decoded (8 or 16 bit, as stored; frame `frame` of the file) and
    /// what its header says about rescaling, windows (DICOM) and frames. Runs on a worker
    /// thread: it touches every pixel.
    static std::shared_ptr<const ImagePyramid> build(ingest::DecodedImage decoded, const ingest::ImageHeader& header,
                                                     int frame = 0);

    int width() const { return mLevels.front().width; }
    int height() const { return mLevels.front().height; }
    int channels() const { return mChannels; }
    int bitDepth() const { return mBitDepth; }
    bool signedSamples() const { return mSigned; }
    /// Frames of the file (TIFF pages, DICOM frames) and the one these pixels are (0-based).
    int frameCount() const { return mFrames; }
    int frame() const { return mFrame; }
    int levelCount() const { return static_cast<int>(mLevels.size()); }
    int levelWidth(int level) const { return mLevels[static_cast<std::size_t>(level)].width; }
    int levelHeight(int level) const { return mLevels[static_cast<std::size_t>(level)].height; }

    /// The window the image opens with: the file's first window (DICOM), the data's range
    /// (other 16-bit images), the identity (8-bit); inverted for MONOCHROME1.
    WindowLevel defaultWindow() const { return mDefaultWindow; }
    /// The file's windows and the usual CT presets, in stored units, with their names.
    std::vector<std::pair<QString, WindowLevel>> windowPresets() const;

    /// rect (in level pixels, inside the level) as an RGB32 image through table
    /// (displayTable() of the current window; empty for the identity).
    QImage renderTile(int level, const QRect& rect, const std::vector<std::uint8_t>& table) const;

    /// The stored sample(s) at full-resolution pixel (x, y); nullopt outside the image.
    std::optional<std::vector<int>> storedValues(int x, int y) const;
    /// True when the file rescales stored values (DICOM slope/intercept, e.g. CT in HU).
    bool hasRescale() const { return mSlope != 1.0 || mIntercept != 0.0; }
    double rescaled(double stored) const { return stored * mSlope + mIntercept; }
    /// What the status bar shows for the pixel under the cursor ("x 12  y 40  value 1034
    /// (HU -990)"); empty outside the image.
    QString pixelText(int x, int y) const;

private:
    struct Level {
        int width = 0;
        int height = 0;
        std::vector<std::uint8_t> samples8;
        std::vector<std::uint16_t> samples16;
    };
    ImagePyramid() = default;
    static Level halve(const Level& level, int channels, bool signedSamples);

    std::vector<Level> mLevels;
    int mFrames = 1;
    int mFrame = 0;
    int mChannels = 1;
    int mBitDepth = 8;
    bool mSigned = false;
    double mSlope = 1.0;
    double mIntercept = 0.0;
    WindowLevel mDefaultWindow;
    std::vector<std::pair<QString, WindowLevel>> mFileWindows;
};

} // namespace pixmark
