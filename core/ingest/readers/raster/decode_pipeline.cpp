#include "core/ingest/readers/raster/decode_pipeline.h"

#include "core/ingest/readers/raster/orientation.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <vector>

namespace pixmark::ingest {

namespace {

cv::Mat toRgbOrder(cv::Mat pixels, ChannelOrder order)
{
    switch (pixels.channels()) {
    case 1:
        return pixels;
    case 2: { // gray + alpha: DecodedImage has no such layout, so widen to RGBA
        std::vector<cv::Mat> planes;
        cv::split(pixels, planes);
        cv::Mat rgba;
        cv::merge(std::vector<cv::Mat>{planes[0], planes[0], planes[0], planes[1]}, rgba);
        return rgba;
    }
    case 3:
        if (order == ChannelOrder::Bgr)
            cv::cvtColor(pixels, pixels, cv::COLOR_BGR2RGB);
        return pixels;
    case 4:
        if (order == ChannelOrder::Bgr)
            cv::cvtColor(pixels, pixels, cv::COLOR_BGRA2RGBA);
        return pixels;
    default:
        return {};
    }
}

// Keeps the high byte: the documented 16-to-8 rule (convertTo would round instead).
cv::Mat highByte(const cv::Mat& pixels)
{
    cv::Mat narrow(pixels.rows, pixels.cols, CV_MAKETYPE(CV_8U, pixels.channels()));
    const auto rowLength = static_cast<std::size_t>(pixels.cols) * static_cast<std::size_t>(pixels.channels());
    for (int y = 0; y < pixels.rows; ++y) {
        const auto* in = pixels.ptr<std::uint16_t>(y);
        auto* out = narrow.ptr<std::uint8_t>(y);
        for (std::size_t i = 0; i < rowLength; ++i)
            out[i] = static_cast<std::uint8_t>(in[i] >> 8);
    }
    return narrow;
}

cv::Mat fitInto(const cv::Mat& pixels, int maxSide)
{
    const int longest = std::max(pixels.cols, pixels.rows);
    if (maxSide <= 0 || longest <= maxSide)
        return pixels;
    const double scale = static_cast<double>(maxSide) / longest;
    const cv::Size size(std::clamp(static_cast<int>(std::lround(pixels.cols * scale)), 1, maxSide),
                        std::clamp(static_cast<int>(std::lround(pixels.rows * scale)), 1, maxSide));
    cv::Mat resized;
    cv::resize(pixels, resized, size, 0, 0, cv::INTER_AREA);
    return resized;
}

template <class Sample> void copySamples(const cv::Mat& pixels, std::vector<Sample>& out)
{
    const cv::Mat continuous = pixels.isContinuous() ? pixels : pixels.clone();
    const auto* begin = continuous.ptr<Sample>();
    out.assign(begin, begin + continuous.total() * static_cast<std::size_t>(continuous.channels()));
}

} // namespace

DecodedImage finishDecode(cv::Mat pixels, ChannelOrder order, int orientation, const DecodeOptions& options,
                          const std::filesystem::path& file)
{
    if (pixels.empty() || (pixels.depth() != CV_8U && pixels.depth() != CV_16U))
        throw ImageError("unsupported pixel type (only 8- and 16-bit unsigned samples are read)", file);
    try {
        pixels = toRgbOrder(std::move(pixels), order);
        if (pixels.empty())
            throw ImageError("unsupported number of channels", file);
        if (pixels.depth() == CV_16U && options.depth == DecodeOptions::Depth::Display8)
            pixels = highByte(pixels);
        // Orientation only permutes pixels and the size cap is on the longest side, so
        // reducing before orienting gives the same result with less to move.
        pixels = applyOrientation(fitInto(pixels, options.maxSide), orientation);

        DecodedImage image;
        image.width = pixels.cols;
        image.height = pixels.rows;
        image.channels = pixels.channels();
        image.bitDepth = pixels.depth() == CV_16U ? 16 : 8;
        if (image.bitDepth == 16)
            copySamples(pixels, image.samples16);
        else
            copySamples(pixels, image.samples8);
        return image;
    } catch (const cv::Exception& error) {
        throw ImageError(std::string("cannot convert the pixels: ") + error.err, file);
    } catch (const std::bad_alloc&) {
        throw ImageError("not enough memory to decode the image", file);
    }
}

cv::Mat decodeWithOpenCv(const std::filesystem::path& file, int page, std::string_view formatName)
{
    const std::string corrupt = "corrupt or truncated " + std::string(formatName) + " data";
    try {
        cv::Mat pixels;
        if (page == 0) {
            pixels = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
        } else {
            std::vector<cv::Mat> pages;
            if (cv::imreadmulti(file.string(), pages, page, 1, cv::IMREAD_UNCHANGED) && pages.size() == 1)
                pixels = pages.front();
        }
        if (pixels.empty())
            throw ImageError(corrupt, file);
        return pixels;
    } catch (const cv::Exception& error) {
        throw ImageError(corrupt + " (" + error.err + ")", file);
    } catch (const std::bad_alloc&) {
        throw ImageError("not enough memory to decode the image", file);
    }
}

} // namespace pixmark::ingest
