#include "core/ingest/readers/dicom/j2k_codestream.h"

#include "core/ingest/image_reader.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>

namespace pixmark::ingest {

namespace {

constexpr std::array<std::uint8_t, 12> kJp2Signature{0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50,
                                                     0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
constexpr std::array<std::uint8_t, 4> kSocSiz{0xFF, 0x4F, 0xFF, 0x51};
constexpr std::size_t kComponentsAt = 40; // Csiz, counted from the SOC marker
constexpr std::size_t kFirstComponentAt = 42;

std::uint64_t bigEndian(const std::vector<std::uint8_t>& bytes, std::size_t at, int count)
{
    std::uint64_t value = 0;
    for (int i = 0; i < count; ++i)
        value = (value << 8) | bytes[at + std::size_t(i)];
    return value;
}

bool startsWith(const std::vector<std::uint8_t>& bytes, std::size_t at, const auto& magic)
{
    return bytes.size() >= at + magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin() + std::ptrdiff_t(at));
}

// The contiguous codestream box ('jp2c') of a JP2 file; npos when there is none.
std::size_t jp2CodestreamStart(const std::vector<std::uint8_t>& bytes)
{
    std::size_t at = 0;
    while (at + 8 <= bytes.size()) {
        std::uint64_t boxLength = bigEndian(bytes, at, 4);
        const std::uint64_t type = bigEndian(bytes, at + 4, 4);
        std::size_t header = 8;
        if (boxLength == 1) {
            if (at + 16 > bytes.size())
                break;
            boxLength = bigEndian(bytes, at + 8, 8);
            header = 16;
        } else if (boxLength == 0) {
            boxLength = bytes.size() - at;
        }
        if (type == 0x6A703263) // 'jp2c'
            return at + header;
        if (boxLength < header || boxLength > bytes.size() - at)
            break;
        at += std::size_t(boxLength);
    }
    return std::vector<std::uint8_t>::size_type(-1);
}

} // namespace

J2kCodestream::J2kCodestream(std::vector<std::uint8_t> frame, const std::filesystem::path& file)
    : mBytes(std::move(frame)), mFile(file)
{
    if (startsWith(mBytes, 0, kJp2Signature))
        mStart = jp2CodestreamStart(mBytes);
    if (mStart >= mBytes.size() || !startsWith(mBytes, mStart, kSocSiz))
        throw ImageError("no JPEG 2000 codestream in the DICOM frame", mFile);
    readSize();
}

void J2kCodestream::readSize()
{
    const auto at = [this](std::size_t offset) { return mStart + offset; };
    if (mBytes.size() < at(kFirstComponentAt))
        throw ImageError("truncated JPEG 2000 codestream", mFile);
    const std::uint64_t markerLength = bigEndian(mBytes, at(4), 2);
    const std::uint64_t components = bigEndian(mBytes, at(kComponentsAt), 2);
    if (components < 1 || markerLength != 38 + 3 * components ||
        mBytes.size() < at(kFirstComponentAt + 3 * std::size_t(components)))
        throw ImageError("corrupt JPEG 2000 codestream (SIZ marker)", mFile);
    const std::uint64_t right = bigEndian(mBytes, at(8), 4);
    const std::uint64_t bottom = bigEndian(mBytes, at(12), 4);
    const std::uint64_t left = bigEndian(mBytes, at(16), 4);
    const std::uint64_t top = bigEndian(mBytes, at(20), 4);
    if (right <= left || bottom <= top || right - left > 65535 || bottom - top > 65535)
        throw ImageError("corrupt JPEG 2000 codestream (image size)", mFile);
    mWidth = int(right - left);
    mHeight = int(bottom - top);
    mComponents = int(components);

    const std::uint8_t format = mBytes[at(kFirstComponentAt)];
    for (std::size_t c = 0; c < std::size_t(components); ++c) {
        const std::size_t entry = at(kFirstComponentAt + 3 * c);
        // OpenCV needs every component at full resolution with one sample format.
        if (mBytes[entry] != format || mBytes[entry + 1] != 1 || mBytes[entry + 2] != 1)
            throw ImageError("JPEG 2000 frames with subsampled or mixed components are not supported", mFile);
    }
    mPrecision = (format & 0x7F) + 1;
    mSigned = (format & 0x80) != 0;
}

DecodedImage J2kCodestream::decode()
{
    if (mComponents != 1 && mComponents != 3)
        throw ImageError("JPEG 2000 frames with " + std::to_string(mComponents) + " components are not supported",
                         mFile);
    if (mPrecision < 8 || mPrecision > 16)
        throw ImageError("JPEG 2000 frames with " + std::to_string(mPrecision) +
                             "-bit samples are not supported (8 to 16 bits are)",
                         mFile);
    // OpenCV refuses signed components. Declared unsigned, the decoder adds 2^(p-1) to
    // every sample (the DC level shift), which maps the signed range exactly onto the
    // unsigned one; the offset is taken off again below.
    for (int c = 0; c < mComponents; ++c)
        mBytes[mStart + kFirstComponentAt + 3 * std::size_t(c)] &= 0x7F;

    cv::Mat decoded;
    try {
        const cv::Mat codestream(1, int(mBytes.size() - mStart), CV_8UC1, mBytes.data() + mStart);
        decoded = cv::imdecode(codestream, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& error) {
        throw ImageError(std::string("corrupt JPEG 2000 codestream: ") + error.what(), mFile);
    }
    if (decoded.empty())
        throw ImageError("corrupt JPEG 2000 codestream (the decoder gave up)", mFile);
    if (decoded.cols != mWidth || decoded.rows != mHeight || decoded.channels() != mComponents ||
        (decoded.depth() != CV_8U && decoded.depth() != CV_16U))
        throw ImageError("JPEG 2000 decoder returned an unexpected image", mFile);
    if (mComponents == 3)
        cv::cvtColor(decoded, decoded, cv::COLOR_BGR2RGB);
    if (!decoded.isContinuous())
        decoded = decoded.clone();

    DecodedImage out;
    out.width = mWidth;
    out.height = mHeight;
    out.channels = mComponents;
    const std::size_t count = decoded.total() * std::size_t(mComponents);
    if (decoded.depth() == CV_8U && !mSigned) {
        out.samples8.assign(decoded.data, decoded.data + count);
        return out;
    }
    out.bitDepth = 16;
    out.signedSamples = mSigned;
    out.samples16.resize(count);
    const int offset = mSigned ? 1 << (mPrecision - 1) : 0;
    for (std::size_t i = 0; i < count; ++i) {
        const int sample = decoded.depth() == CV_8U ? decoded.data[i] : decoded.ptr<std::uint16_t>()[i];
        out.samples16[i] = static_cast<std::uint16_t>(sample - offset);
    }
    return out;
}

} // namespace pixmark::ingest
