#pragma once
// Reads RFC 4180 records from a file as a stream: fields separated by commas, fields in
// double quotes may hold commas, line breaks and doubled quotes (""), records end with
// CRLF or LF. A UTF-8 byte order mark at the start and blank lines are skipped.

#include "core/formats/format_error.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace pixmark::formats {

class CsvRecords {
public:
    /// Opens file; throws FormatError naming displayName when it cannot be opened.
    CsvRecords(const std::filesystem::path& file, std::string displayName, std::size_t maxRecordBytes);

    /// Names the columns so that errors name them (the header, once read).
    void setColumns(std::vector<std::string> columns) { mColumns = std::move(columns); }
    /// The next record's fields; false at the end of the file. Throws FormatError for an
    /// unclosed quote, text after a closing quote, a quote inside an unquoted field or a
    /// record longer than the limit.
    bool next(std::vector<std::string>& fields);
    /// 1-based line where the record next() returned last began.
    std::int64_t line() const { return mRecordLine; }
    /// FormatError at the last record, about its column (an index into the fields).
    [[noreturn]] void fail(std::size_t column, const std::string& why) const;
    /// FormatError at the last record as a whole.
    [[noreturn]] void fail(const std::string& why) const;

private:
    int get();
    int peek();

    std::ifstream mStream;
    std::string mName;
    std::size_t mMaxRecord;
    std::vector<std::string> mColumns;
    std::int64_t mLine = 1;
    std::int64_t mRecordLine = 0;
    bool mStarted = false;
};

} // namespace pixmark::formats
