#include "widgets/canvas/image_pyramid.h"

#include <QCoreApplication>

#include <algorithm>
#include <limits>
#include <type_traits>

namespace pixmark {

namespace {
// Levels stop once the whole image fits in a tile or two: below that, halving saves nothing.
constexpr int kSmallestLevelSide = 256;

template <class Sample, int Channels, bool Signed>
void halveRows(const std::vector<Sample>& in, int width, int height, std::vector<Sample>& out, int outWidth,
               int outHeight)
{
    // Sums of four samples; signed 16-bit samples are averaged as int16.
    using Wide = std::conditional_t<Signed, int, unsigned>;
    const auto value = [](Sample sample) -> Wide {
        if constexpr (Signed)
            return static_cast<std::int16_t>(sample);
        else
            return sample;
    };
    const std::size_t inStride = static_cast<std::size_t>(width) * Channels;
    const std::size_t outStride = static_cast<std::size_t>(outWidth) * Channels;
    // Pairs of whole columns in the loop; an odd last column averages with itself.
    const int pairs = width / 2;
    for (int y = 0; y < outHeight; ++y) {
        const Sample* row0 = in.data() + static_cast<std::size_t>(2 * y) * inStride;
        const Sample* row1 = in.data() + static_cast<std::size_t>(std::min(2 * y + 1, height - 1)) * inStride;
        Sample* target = out.data() + static_cast<std::size_t>(y) * outStride;
        for (int x = 0; x < pairs; ++x) {
            const Sample* a = row0 + 2 * x * Channels;
            const Sample* b = row1 + 2 * x * Channels;
            for (int c = 0; c < Channels; ++c) {
                const Wide sum = value(a[c]) + value(a[c + Channels]) + value(b[c]) + value(b[c + Channels]);
                target[x * Channels + c] = static_cast<Sample>(Signed ? sum / 4 : (sum + 2) / 4);
            }
        }
        if (pairs < outWidth) {
            const Sample* a = row0 + 2 * pairs * Channels;
            const Sample* b = row1 + 2 * pairs * Channels;
            for (int c = 0; c < Channels; ++c) {
                const Wide sum = 2 * value(a[c]) + 2 * value(b[c]);
                target[pairs * Channels + c] = static_cast<Sample>(Signed ? sum / 4 : (sum + 2) / 4);
            }
        }
    }
}

template <class Sample>
void halveSamples(const std::vector<Sample>& in, int width, int height, int channels, bool signedSamples,
                  std::vector<Sample>& out, int outWidth, int outHeight)
{
    out.resize(static_cast<std::size_t>(outWidth) * static_cast<std::size_t>(outHeight) *
               static_cast<std::size_t>(channels));
    const bool isSigned = sizeof(Sample) == 2 && signedSamples;
    switch (channels) {
    case 1:
        return isSigned ? halveRows<Sample, 1, true>(in, width, height, out, outWidth, outHeight)
                        : halveRows<Sample, 1, false>(in, width, height, out, outWidth, outHeight);
    case 3:
        return isSigned ? halveRows<Sample, 3, true>(in, width, height, out, outWidth, outHeight)
                        : halveRows<Sample, 3, false>(in, width, height, out, outWidth, outHeight);
    default:
        return isSigned ? halveRows<Sample, 4, true>(in, width, height, out, outWidth, outHeight)
                        : halveRows<Sample, 4, false>(in, width, height, out, outWidth, outHeight);
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

std::shared_ptr<const ImagePyramid> ImagePyramid::build(ingest::DecodedImage decoded, const ingest::ImageHeader& header,
                                                        int frame)
{
    std::shared_ptr<ImagePyramid> pyramid(new ImagePyramid);
    pyramid->mFrames = std::max(1, header.frames);
    pyramid->mFrame = frame;
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
    const std::size_t channels = static_cast<std::size_t>(mChannels);
    const std::size_t colorStep = channels >= 3 ? 1 : 0; // gray: the one sample three times
    const bool lookup = !table.empty();
    for (int y = 0; y < clipped.height(); ++y) {
        auto* out = reinterpret_cast<QRgb*>(tile.scanLine(y));
        const std::size_t rowStart =
            (static_cast<std::size_t>(clipped.top() + y) * static_cast<std::size_t>(source.width) +
             static_cast<std::size_t>(clipped.left())) * channels;
        const int count = clipped.width();
        // One loop per kind of pixel: the tiles of a large image are made while panning.
        if (!source.samples16.empty()) {
            const std::uint16_t* in = source.samples16.data() + rowStart;
            for (int x = 0; x < count; ++x, in += channels)
                out[x] = qRgb(table[in[0]], table[in[colorStep]], table[in[2 * colorStep]]);
        } else if (lookup) {
            const std::uint8_t* in = source.samples8.data() + rowStart;
            for (int x = 0; x < count; ++x, in += channels)
                out[x] = qRgb(table[in[0]], table[in[colorStep]], table[in[2 * colorStep]]);
        } else {
            const std::uint8_t* in = source.samples8.data() + rowStart;
            for (int x = 0; x < count; ++x, in += channels)
                out[x] = qRgb(in[0], in[colorStep], in[2 * colorStep]);
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
