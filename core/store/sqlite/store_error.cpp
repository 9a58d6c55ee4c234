#include "core/store/sqlite/store_error.h"

#include <sqlite3.h>

namespace pixmark::sqlite {

namespace {
std::string composeMessage(int code, const std::string& sqliteMessage, const std::string& statement)
{
    std::string message = "Database error (" + std::string(sqlite3_errstr(code)) + "): " + sqliteMessage;
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
