#include "core/formats/csv/csv_records.h"

namespace pixmark::formats {

namespace {
constexpr int kEnd = std::char_traits<char>::eof();
}

CsvRecords::CsvRecords(const std::filesystem::path& file, std::string displayName, std::size_t maxRecordBytes)
    : mStream(file, std::ios::binary), mName(std::move(displayName)), mMaxRecord(maxRecordBytes)
{
    if (!mStream)
        throw FormatError(SourcePosition{mName}, "the file cannot be opened");
}

int CsvRecords::get()
{
    return mStream.rdbuf()->sbumpc();
}

int CsvRecords::peek()
{
    return mStream.rdbuf()->sgetc();
}

void CsvRecords::fail(std::size_t column, const std::string& why) const
{
    const std::string name =
        column < mColumns.size() ? "column \"" + mColumns[column] + "\"" : "field " + std::to_string(column + 1);
    fail(name + ": " + why);
}

void CsvRecords::fail(const std::string& why) const
{
    SourcePosition where;
    where.file = mName;
    where.line = mRecordLine;
    throw FormatError(where, why);
}

bool CsvRecords::next(std::vector<std::string>& fields)
{
    if (!mStarted) {
        mStarted = true;
        if (peek() == 0xEF) {
            get();
            if (get() != 0xBB || get() != 0xBF) {
                mRecordLine = 1;
                fail("the file starts with a damaged byte order mark");
            }
        }
    }
    for (;;) {
        fields.clear();
        mRecordLine = mLine;
        if (peek() == kEnd)
            return false;
        std::size_t bytes = 0;
        bool quotedAny = false;
        std::string field;
        bool endOfRecord = false;
        while (!endOfRecord) {
            field.clear();
            int c = get();
            if (c == '"') {
                quotedAny = true;
                for (;;) {
                    c = get();
                    if (c == kEnd)
                        fail(fields.size(), "a quoted field is not closed before the end of the file");
                    if (c == '"') {
                        if (peek() == '"') {
                            get();
                            field += '"';
                            continue;
                        }
                        break;
                    }
                    if (c == '\n')
                        ++mLine;
                    field += static_cast<char>(c);
                    if (++bytes > mMaxRecord)
                        fail("the record is longer than " + std::to_string(mMaxRecord >> 20) + " MiB");
                }
                c = get();
                if (c != ',' && c != '\n' && c != '\r' && c != kEnd)
                    fail(fields.size(), "text after the closing quote (a quote inside a field is written \"\")");
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != kEnd) {
                    if (c == '"')
                        fail(fields.size(), "a quote inside an unquoted field (quote the field and write \"\")");
                    field += static_cast<char>(c);
                    if (++bytes > mMaxRecord)
                        fail("the record is longer than " + std::to_string(mMaxRecord >> 20) + " MiB");
                    c = get();
                }
            }
            if (c == '\r' && peek() == '\n')
                get();
            if (c == '\n' || c == '\r')
                ++mLine;
            endOfRecord = c != ',';
            fields.push_back(std::move(field));
        }
        if (fields.size() == 1 && fields[0].empty() && !quotedAny)
            continue; // a blank line
        return true;
    }
}

} // namespace pixmark::formats
