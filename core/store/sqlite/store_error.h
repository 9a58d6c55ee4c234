#pragma once
// The error thrown by the SQLite layer: SQLite's own message, its result code and
// the statement that failed, so a bug report carries everything needed.

#include "core/errors.h"

#include <string>

struct sqlite3;

namespace pixmark::sqlite {

/// A failed SQLite call. code() is SQLite's primary result code (SQLITE_BUSY, ...).
class StoreError : public Error {
public:
    StoreError(int code, const std::string& sqliteMessage, const std::string& statement);

    int code() const { return mCode; }
    const std::string& sqliteMessage() const { return mSqliteMessage; }
    const std::string& statement() const { return mStatement; }
    /// True when SQLite found the file damaged or not a database at all.
    bool isCorruption() const;

private:
    int mCode;
    std::string mSqliteMessage;
    std::string mStatement;
};

/// Throws StoreError for a result code that is not SQLITE_OK / ROW / DONE.
void throwIfFailed(int rc, ::sqlite3* db, const std::string& statement);

} // namespace pixmark::sqlite
