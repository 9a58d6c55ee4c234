#pragma once
// Reads a text file line by line without ever holding more than one line, so a JSON Lines
// file of gigabytes streams in constant memory. Shared by the JSON Lines readers.

#include "core/formats/format_error.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace pixmark::formats {

/// The longest line the readers accept (64 MiB); a longer one is refused as damaged.
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

/// Streams the lines of one file. A UTF-8 byte order mark before the first line and the
/// '\r' of CRLF endings are dropped. The reader owns its file handle.
class LineReader {
public:
    /// Opens file; throws FormatError naming displayName when it cannot be opened.
    LineReader(const std::filesystem::path& file, std::string displayName, std::size_t maxLineBytes = kMaxLineBytes);

    /// The next line into line (without its end); false at the end of the file. Throws
    /// FormatError naming the line when it is longer than the limit.
    bool next(std::string& line);
    /// 1-based number of the line next() returned last.
    std::int64_t lineNumber() const { return mLine; }
    /// The file's name as messages show it.
    const std::string& displayName() const { return mName; }
    /// A position at the current line, for errors about its content.
    SourcePosition position(std::string jsonPath = {}) const;

private:
    bool fill();

    std::ifstream mStream;
    std::string mName;
    std::size_t mMaxLine;
    std::vector<char> mBuffer;
    std::size_t mBegin = 0;
    std::size_t mEnd = 0;
    std::int64_t mLine = 0;
    bool mEof = false;
};

} // namespace pixmark::formats
