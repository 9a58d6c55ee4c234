#include "core/store/sqlite/store_error.h"

#include <sqlite3.h>

namespace pixmark::sqlite {

namespace {
// What a person can do about the failure, for the codes that have a clear remedy.
std::string remedy(int code)
{
    switch (code) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
        return "Could not write to the project file; the disk may be full or unplugged. Nothing after the last "
               "successful save was written. Free some space and try again. ";
    case SQLITE_READONLY:
        return "The project file cannot be written (read-only file or folder). ";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "The project is busy in another program; try again in a moment. ";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return "The project file is damaged; restore it from a backup or a work package. ";
    default:
        return {};
    }
}

std::string composeMessage(int code, const std::string& sqliteMessage, const std::string& statement)
{
    std::string message = remedy(code) + "Database error (" + std::string(sqlite3_errstr(code)) + "): " + sqliteMessage;
    if (!statement.empty())
        message += " [while running: " + statement + "]";
    return message;
}
} // namespace

StoreError::StoreError(int code, const std::string& sqliteMessage, const std::string& statement)
    : Error(composeMessage(code, sqliteMessage, statement)), mCode(code), mSqliteMessage(sqliteMessage),
      mStatement(statement)
{
}

bool StoreError::isCorruption() const
{
    return mCode == SQLITE_CORRUPT || mCode == SQLITE_NOTADB;
}

void throwIfFailed(int rc, sqlite3* db, const std::string& statement)
{
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
        return;
    const int primary = rc & 0xff;
    throw StoreError(primary, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), statement);
}

} // namespace pixmark::sqlite
