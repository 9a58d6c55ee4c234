#include "core/formats/jsonl/line_reader.h"

#include <algorithm>
#include <cstring>

namespace pixmark::formats {

namespace {
constexpr std::size_t kChunk = 1 << 16;
}

LineReader::LineReader(const std::filesystem::path& file, std::string displayName, std::size_t maxLineBytes)
    : mStream(file, std::ios::binary), mName(std::move(displayName)), mMaxLine(maxLineBytes), mBuffer(kChunk)
{
    if (!mStream)
        throw FormatError(SourcePosition{mName}, "the file cannot be opened");
}

bool LineReader::fill()
{
    if (mEof)
        return false;
    mStream.read(mBuffer.data() + mEnd, static_cast<std::streamsize>(mBuffer.size() - mEnd));
    const auto got = static_cast<std::size_t>(mStream.gcount());
    if (got == 0) {
        mEof = true;
        return false;
    }
    mEnd += got;
    return true;
}

bool LineReader::next(std::string& line)
{
    line.clear();
    for (;;) {
        const char* begin = mBuffer.data() + mBegin;
        const auto* newline = static_cast<const char*>(std::memchr(begin, '\n', mEnd - mBegin));
        const std::size_t take = newline ? static_cast<std::size_t>(newline - begin) : mEnd - mBegin;
        if (line.size() + take > mMaxLine) {
            ++mLine;
            throw FormatError(position(), "the line is longer than " + std::to_string(mMaxLine >> 20) +
                                              " MiB; the file is damaged or not JSON Lines");
        }
        line.append(begin, take);
        if (newline) {
            mBegin += take + 1;
            break;
        }
        mBegin = mEnd = 0;
        if (!fill()) {
            if (line.empty())
                return false;
            break;
        }
    }
    ++mLine;
    if (mLine == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0)
        line.erase(0, 3);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

SourcePosition LineReader::position(std::string jsonPath) const
{
    SourcePosition where;
    where.file = mName;
    where.line = mLine;
    where.jsonPath = std::move(jsonPath);
    return where;
}

} // namespace pixmark::formats
