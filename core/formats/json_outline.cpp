#include "core/formats/json_outline.h"

#include "core/formats/format_error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pixmark::formats {

namespace {

constexpr std::size_t kBlockBytes = 4 << 20;

/// The file a block at a time, with the position of every byte.
class BlockReader {
public:
    explicit BlockReader(const std::filesystem::path& file) : mFile(file), mName(file.filename().string())
    {
        mFd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (mFd < 0)
            fail(0, std::string("cannot be opened (") + std::strerror(errno) + ")");
        ::posix_fadvise(mFd, 0, 0, POSIX_FADV_SEQUENTIAL);
        mBlock.resize(kBlockBytes);
    }
    ~BlockReader() { ::close(mFd); }
    BlockReader(const BlockReader&) = delete;
    BlockReader& operator=(const BlockReader&) = delete;

    /// The next byte, or -1 at the end of the file.
    int next()
    {
        if (mAt == mSize && !refill())
            return -1;
        return static_cast<unsigned char>(mBlock[mAt++]);
    }
    /// The position of the byte next() returned last.
    std::uint64_t position() const { return mBlockStart + mAt - 1; }

    /// Skips a string's remaining bytes after its opening quote; returns false at the end of the file.
    bool skipStringBody()
    {
        for (;;) {
            if (mAt == mSize && !refill())
                return false;
            const char* start = mBlock.data() + mAt;
            const char* stop = mBlock.data() + mSize;
            const char* p = start;
            while (p < stop && *p != '"' && *p != '\\')
                ++p;
            mAt += static_cast<std::size_t>(p - start);
            if (p == stop)
                continue;
            ++mAt;
            if (*p == '"')
                return true;
            if (next() < 0) // the escaped byte
                return false;
        }
    }

    [[noreturn]] void fail(std::uint64_t offset, const std::string& why) const
    {
        SourcePosition where;
        where.file = mName;
        where.byteOffset = static_cast<std::int64_t>(offset);
        throw FormatError(where, why);
    }

private:
    bool refill()
    {
        mBlockStart += mSize;
        mAt = 0;
        mSize = 0;
        for (;;) {
            const ssize_t got = ::pread(mFd, mBlock.data(), mBlock.size(), static_cast<off_t>(mBlockStart));
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                fail(mBlockStart, std::string("cannot be read (") + std::strerror(errno) + ")");
            mSize = static_cast<std::size_t>(got);
            return got > 0;
        }
    }

    std::filesystem::path mFile;
    std::string mName;
    int mFd = -1;
    std::vector<char> mBlock;
    std::uint64_t mBlockStart = 0;
    std::size_t mAt = 0;
    std::size_t mSize = 0;
};

bool isSpace(int c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

class Outliner {
public:
    Outliner(const std::filesystem::path& file, std::size_t runBytes) : mIn(file), mRunBytes(runBytes) {}

    std::vector<JsonMember> run()
    {
        int c = nextToken();
        if (c != '{')
            fail("is not a JSON object (a COCO file starts with '{')");
        std::vector<JsonMember> members;
        c = nextToken();
        if (c != '}') {
            for (;;) {
                if (c != '"')
                    fail("is not valid JSON: a member name in quotes was expected");
                JsonMember member;
                member.key = readKey();
                if (nextToken() != ':')
                    fail("is not valid JSON: ':' was expected after \"" + member.key + "\"");
                c = nextToken();
                if (c < 0)
                    fail("is not valid JSON: a value was expected");
                member.opening = static_cast<char>(c);
                member.begin = mIn.position();
                if (c == '[')
                    member.runs = cutArray();
                else
                    mPending = skipValue(c);
                members.push_back(std::move(member));
                c = nextToken();
                if (c == '}')
                    break;
                if (c != ',')
                    fail("is not valid JSON: ',' or '}' was expected");
                c = nextToken();
            }
        }
        if (const int after = nextToken(); after >= 0)
            fail("is not valid JSON: there is more after the end of the root object");
        return members;
    }

private:
    /// The next byte that is not white space (or one put back), -1 at the end.
    int nextToken()
    {
        if (mPending != kNone) {
            const int c = mPending;
            mPending = kNone;
            if (!isSpace(c))
                return c;
        }
        int c = mIn.next();
        while (isSpace(c))
            c = mIn.next();
        return c;
    }

    std::string readKey()
    {
        std::string key;
        for (;;) {
            const int c = mIn.next();
            if (c < 0)
                fail("is not valid JSON: the file ends inside a string");
            if (c == '"')
                return key;
            key += static_cast<char>(c);
            if (c == '\\') {
                const int escaped = mIn.next();
                if (escaped < 0)
                    fail("is not valid JSON: the file ends inside a string");
                key += static_cast<char>(escaped);
            }
        }
    }

    /// Skips the value that starts with `first`; returns the byte that follows it (it may
    /// be white space), or -1 at the end of the file.
    int skipValue(int first)
    {
        if (first == '"') {
            if (!mIn.skipStringBody())
                fail("is not valid JSON: the file ends inside a string");
            return mIn.next();
        }
        if (first == '{' || first == '[') {
            // Nesting is counted per kind: a ']' that closes a '{' is caught by the
            // parser that reads the element, or by the depth never returning to zero.
            std::vector<char> open{static_cast<char>(first)};
            for (;;) {
                const int c = mIn.next();
                if (c < 0)
                    fail("is not valid JSON: the file ends inside an object or array");
                if (c == '"') {
                    if (!mIn.skipStringBody())
                        fail("is not valid JSON: the file ends inside a string");
                } else if (c == '{' || c == '[') {
                    open.push_back(static_cast<char>(c));
                } else if (c == '}' || c == ']') {
                    if ((c == '}') != (open.back() == '{'))
                        fail(std::string("is not valid JSON: '") + static_cast<char>(c) + "' closes a '" +
                                    open.back() + "'");
                    open.pop_back();
                    if (open.empty())
                        return mIn.next();
                }
            }
        }
        // A number or a literal: it ends at a delimiter.
        int c = first;
        while (c >= 0 && c != ',' && c != '}' && c != ']' && !isSpace(c))
            c = mIn.next();
        return c;
    }

    std::vector<ElementRun> cutArray()
    {
        std::vector<ElementRun> runs;
        int c = nextToken();
        if (c == ']')
            return runs;
        std::size_t index = 0;
        ElementRun current;
        bool open = false;
        for (;;) {
            if (c < 0 || c == ']' || c == ',')
                fail("is not valid JSON: an array element was expected");
            const std::uint64_t elementBegin = mIn.position();
            if (!open) {
                current = ElementRun{elementBegin, elementBegin, index};
                open = true;
            }
            c = skipValue(c);
            const std::uint64_t elementEnd = c < 0 ? mIn.position() + 1 : mIn.position();
            current.end = elementEnd;
            ++index;
            if (isSpace(c))
                c = nextToken();
            if (current.end - current.begin >= mRunBytes || c == ']') {
                runs.push_back(current);
                open = false;
            }
            if (c == ']')
                return runs;
            if (c != ',')
                fail("is not valid JSON: ',' or ']' was expected in an array");
            c = nextToken();
        }
    }

    /// At the byte read last.
    [[noreturn]] void fail(const std::string& why) { mIn.fail(mIn.position(), why); }

    static constexpr int kNone = -3;
    BlockReader mIn;
    std::size_t mRunBytes;
    int mPending = kNone;
};

} // namespace

std::vector<JsonMember> outlineJsonObject(const std::filesystem::path& file, std::size_t runBytes)
{
    return Outliner(file, runBytes).run();
}

std::size_t readElementRun(const std::filesystem::path& file, const ElementRun& run, std::vector<char>& buffer,
                           std::size_t padding)
{
    const std::size_t bytes = static_cast<std::size_t>(run.end - run.begin);
    buffer.resize(bytes + 2 + padding);
    buffer[0] = '[';
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    std::size_t done = 0;
    while (fd >= 0 && done < bytes) {
        const ssize_t got = ::pread(fd, buffer.data() + 1 + done, bytes - done, static_cast<off_t>(run.begin + done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += static_cast<std::size_t>(got);
    }
    const int readError = errno;
    if (fd >= 0)
        ::close(fd);
    if (done < bytes) {
        SourcePosition where;
        where.file = file.filename().string();
        where.byteOffset = static_cast<std::int64_t>(run.begin + done);
        throw FormatError(where, std::string("cannot be read (") +
                                     (fd < 0 || readError ? std::strerror(readError) : "it became shorter") + ")");
    }
    buffer[bytes + 1] = ']';
    std::memset(buffer.data() + bytes + 2, 0, padding);
    return bytes + 2;
}

} // namespace pixmark::formats
