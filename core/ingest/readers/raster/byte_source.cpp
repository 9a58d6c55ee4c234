#include "core/ingest/readers/raster/byte_source.h"

#include "core/ingest/image_reader.h"

#include <algorithm>
#include <cstring>

namespace pixmark::ingest {

namespace {
// Large enough for the IHDR / BMP header / TIFF header and most JPEG segment runs that
// precede SOF, small enough to keep a probe at one or two page-sized reads.
constexpr std::size_t kBlockSize = 4096;
} // namespace

ByteSource::ByteSource(const std::filesystem::path& file) : mFile(file)
{
    // Unbuffered: every read below is already block-sized, a second buffer only copies.
    mStream.rdbuf()->pubsetbuf(nullptr, 0);
    mStream.open(file, std::ios::binary);
    if (!mStream)
        throw ImageError("cannot open the file (permission denied?)", file);
    mStream.seekg(0, std::ios::end);
    const auto end = mStream.tellg();
    if (end < 0)
        throw ImageError("cannot read the file", file);
    mSize = static_cast<std::uint64_t>(end);
    mHead.resize(static_cast<std::size_t>(std::min<std::uint64_t>(mSize, kBlockSize)));
    if (!fill(0, mHead.data(), mHead.size()))
        throw ImageError("cannot read the file", file);
}

bool ByteSource::fill(std::uint64_t offset, unsigned char* out, std::size_t size)
{
    mStream.clear();
    mStream.seekg(static_cast<std::streamoff>(offset));
    mStream.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
    return mStream.gcount() == static_cast<std::streamsize>(size);
}

const unsigned char* ByteSource::peek(std::uint64_t offset, std::size_t size)
{
    if (offset > mSize || size > mSize - offset || size > kBlockSize)
        return nullptr;
    if (offset + size <= mHead.size())
        return mHead.data() + offset;
    if (mWindow.empty() || offset < mWindowOffset || offset + size > mWindowOffset + mWindow.size()) {
        mWindowOffset = offset;
        mWindow.resize(static_cast<std::size_t>(std::min<std::uint64_t>(mSize - offset, kBlockSize)));
        if (!fill(offset, mWindow.data(), mWindow.size())) {
            mWindow.clear();
            return nullptr;
        }
    }
    return mWindow.data() + (offset - mWindowOffset);
}

bool ByteSource::read(std::uint64_t offset, void* out, std::size_t size)
{
    if (offset > mSize || size > mSize - offset)
        return false;
    if (const unsigned char* bytes = peek(offset, size)) {
        std::memcpy(out, bytes, size);
        return true;
    }
    return fill(offset, static_cast<unsigned char*>(out), size);
}

std::vector<unsigned char> ByteSource::readAll(std::uint64_t maxBytes)
{
    if (mSize > maxBytes)
        throw ImageError("the file is too large to decode (" + std::to_string(mSize / (1024 * 1024)) + " MiB)", mFile);
    std::vector<unsigned char> bytes(static_cast<std::size_t>(mSize));
    std::copy(mHead.begin(), mHead.end(), bytes.begin());
    if (bytes.size() > mHead.size() && !fill(mHead.size(), bytes.data() + mHead.size(), bytes.size() - mHead.size()))
        throw ImageError("cannot read the file (it changed or a read failed)", mFile);
    return bytes;
}

} // namespace pixmark::ingest
