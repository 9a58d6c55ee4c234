#include "widgets/canvas/image_pyramid.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>

namespace pixmark {

namespace {
// Levels stop once the whole image fits in a tile or two: below that, halving saves nothing.
constexpr int kSmallestLevelSide = 256;

QString tr(const char* text)
{
    return QCoreApplication::translate("pixmark::ImagePyramid", text);
}

template <class Sample>
void halveSamples(const std::vector<Sample>& in, int width, int height, int channels, bool signedSamples,
                  std::vector<Sample>& out, int outWidth, int outHeight)
{
    out.resize(static_cast<std::size_t>(outWidth) * static_cast<std::size_t>(outHeight) *
               static_cast<std::size_t>(channels));
    for (int y = 0; y < outHeight; ++y) {
        const int y0 = 2 * y;
        const int y1 = std::min(y0 + 1, height - 1);
        const Sample* row0 = in.data() + static_cast<std::size_t>(y0) * static_cast<std::size_t>(width) * channels;
        const Sample* row1 = in.data() + static_cast<std::size_t>(y1) * static_cast<std::size_t>(width) * channels;
        Sample* target = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(outWidth) * channels;
        for (int x = 0; x < outWidth; ++x) {
            const int x0 = 2 * x;
            const int x1 = std::min(x0 + 1, width - 1);
            for (int c = 0; c < channels; ++c) {
                if constexpr (sizeof(Sample) == 2) {
                    if (signedSamples) {
                        const int sum = static_cast<std::int16_t>(row0[x0 * channels + c]) +
                                        static_cast<std::int16_t>(row0[x1 * channels + c]) +
                                        static_cast<std::int16_t>(row1[x0 * channels + c]) +
                                        static_cast<std::int16_t>(row1[x1 * channels + c]);
                        target[x * channels + c] = static_cast<Sample>(static_cast<std::int16_t>(sum / 4));
                        continue;
                    }
                }
                const unsigned sum = row0[x0 * channels + c] + row0[x1 * channels + c] + row1[x0 * channels + c] +
                                     row1[x1 * channels + c];
                target[x * channels + c] = static_cast<Sample>((sum + 2) / 4);
            }
        }
    }
}
} // namespace

ImagePyramid::Level ImagePyramid::halve(const Level& level, int channels, bool signedSamples)
{
    Level out;
    out.width = (level.width + 1) / 2;
    out.height = (level.height + 1) / 2;
    if (!level.samples16.empty())
        halveSamples(level.samples16, level.width, level.height, channels, signedSamples, out.samples16, out.width,
                     out.height);
    else
        halveSamples(level.samples8, level.width, level.height, channels, signedSamples, out.samples8, out.width,
                     out.height);
    return out;
}

std::shared_ptr<const ImagePyramid> ImagePyramid::build(ingest::DecodedImage decoded, const ingest::ImageHeader& header)
{
    std::shared_ptr<ImagePyramid> pyramid(new ImagePyramid);
    pyramid->mChannels = decoded.channels;
    pyramid->mBitDepth = decoded.bitDepth;
    pyramid->mSigned = decoded.signedSamples;
    pyramid->mSlope = header.rescaleSlope == 0.0 ? 1.0 : header.rescaleSlope;
    pyramid->mIntercept = header.rescaleIntercept;
    Level base;
    base.width = decoded.width;
    base.height = decoded.height;
    base.samples8 = std::move(decoded.samples8);
    base.samples16 = std::move(decoded.samples16);

    WindowLevel window;
    if (pyramid->mBitDepth == 16) {
        // The data's own range: a 12-bit image in a 16-bit container is not almost black.
        int low = std::numeric_limits<int>::max();
        int high = std::numeric_limits<int>::min();
        for (std::uint16_t raw : base.samples16) {
            const int value = pyramid->mSigned ? static_cast<std::int16_t>(raw) : raw;
            low = std::min(low, value);
            high = std::max(high, value);
        }
        if (low > high)
            low = high = 0;
        window.center = (low + high) / 2.0;
        window.width = std::max(1, high - low);
    }
    // DICOM windows are in rescaled units; the canvas works in stored ones.
    for (std::size_t i = 0; i < header.windows.size(); ++i) {
        const ingest::Window& file = header.windows[i];
        WindowLevel stored{(file.center - pyramid->mIntercept) / pyramid->mSlope, file.width / pyramid->mSlope, false};
        pyramid->mFileWindows.emplace_back(tr("File window %1").arg(i + 1), stored);
    }
    if (!pyramid->mFileWindows.empty())
        window = pyramid->mFileWindows.front().second;
    window.invert = header.photometric == "MONOCHROME1";
    for (auto& entry : pyramid->mFileWindows)
        entry.second.invert = window.invert;
    pyramid->mDefaultWindow = window;

    pyramid->mLevels.push_back(std::move(base));
    while (std::max(pyramid->mLevels.back().width, pyramid->mLevels.back().height) > kSmallestLevelSide)
        pyramid->mLevels.push_back(halve(pyramid->mLevels.back(), pyramid->mChannels, pyramid->mSigned));
    return pyramid;
}

std::vector<std::pair<QString, WindowLevel>> ImagePyramid::windowPresets() const
{
    std::vector<std::pair<QString, WindowLevel>> presets = mFileWindows;
    if (mBitDepth != 16)
        return presets;
    // The usual CT windows, in Hounsfield units; only meaningful when the file rescales.
    const struct {
        const char* name;
        double center;
        double width;
    } ct[] = {{"Soft tissue (40 / 400)", 40, 400},
              {"Lung (-600 / 1500)", -600, 1500},
              {"Bone (400 / 1800)", 400, 1800},
              {"Brain (40 / 80)", 40, 80}};
    if (hasRescale())
        for (const auto& preset : ct)
            presets.emplace_back(tr(preset.name), WindowLevel{(preset.center - mIntercept) / mSlope,
                                                              preset.width / mSlope, mDefaultWindow.invert});
    return presets;
}

QImage ImagePyramid::renderTile(int level, const QRect& rect, const std::vector<std::uint8_t>& table) const
{
    const Level& source = mLevels[static_cast<std::size_t>(level)];
    const QRect clipped = rect.intersected(QRect(0, 0, source.width, source.height));
    QImage tile(clipped.size(), QImage::Format_RGB32);
    if (clipped.isEmpty())
        return tile;
    const int channels = mChannels;
    const bool lookup = !table.empty();
    for (int y = 0; y < clipped.height(); ++y) {
        auto* out = reinterpret_cast<QRgb*>(tile.scanLine(y));
        const std::size_t rowStart =
            (static_cast<std::size_t>(clipped.top() + y) * static_cast<std::size_t>(source.width) +
             static_cast<std::size_t>(clipped.left())) * static_cast<std::size_t>(channels);
        for (int x = 0; x < clipped.width(); ++x) {
            const std::size_t at = rowStart + static_cast<std::size_t>(x) * static_cast<std::size_t>(channels);
            int rgb[3];
            for (int c = 0; c < 3; ++c) {
                const std::size_t sample = at + static_cast<std::size_t>(channels >= 3 ? c : 0);
                const unsigned raw = source.samples16.empty() ? source.samples8[sample] : source.samples16[sample];
                rgb[c] = lookup ? table[raw] : static_cast<int>(raw);
            }
            out[x] = qRgb(rgb[0], rgb[1], rgb[2]);
        }
    }
    return tile;
}

std::optional<std::vector<int>> ImagePyramid::storedValues(int x, int y) const
{
    const Level& base = mLevels.front();
    if (x < 0 || y < 0 || x >= base.width || y >= base.height)
        return std::nullopt;
    std::vector<int> values;
    const std::size_t at =
        (static_cast<std::size_t>(y) * static_cast<std::size_t>(base.width) + static_cast<std::size_t>(x)) *
        static_cast<std::size_t>(mChannels);
    for (int c = 0; c < mChannels; ++c) {
        const std::size_t sample = at + static_cast<std::size_t>(c);
        if (!base.samples16.empty())
            values.push_back(mSigned ? static_cast<std::int16_t>(base.samples16[sample]) : base.samples16[sample]);
        else
            values.push_back(base.samples8[sample]);
    }
    return values;
}

QString ImagePyramid::pixelText(int x, int y) const
{
    const auto values = storedValues(x, y);
    if (!values)
        return {};
    QStringList parts;
    for (int value : *values)
        parts << QString::number(value);
    QString text = tr("x %1  y %2  value %3").arg(x).arg(y).arg(parts.join(QStringLiteral(", ")));
    if (hasRescale() && values->size() == 1)
        text += tr("  (rescaled %1)").arg(rescaled(values->front()), 0, 'g', 6);
    return text;
}

} // namespace pixmark
