#include "core/store/sqlite/database.h"

#include "core/store/sqlite/store_error.h"

#include <sqlite3.h>

#include <string>
#include <utility>

namespace pixmark::sqlite {

namespace {

// Before SQLite's first use: memory statistics off (nothing reads them, and keeping them
// takes a global mutex on every allocation, which bulk imports make by the million).
void configureSqliteOnce()
{
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

} // namespace

Database Database::open(const std::filesystem::path& file, Access access)
{
    configureSqliteOnce();
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    switch (access) {
    case Access::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Access::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Access::Create:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close_v2(db);
        throw StoreError(rc & 0xff, message, "open " + file.string());
    }
    sqlite3_extended_result_codes(db, 1);
    return Database(db, access == Access::ReadOnly);
}

Database::Database(Database&& other) noexcept
    : mDb(std::exchange(other.mDb, nullptr)), mReadOnly(other.mReadOnly),
      mTransactionDepth(std::exchange(other.mTransactionDepth, 0))
{
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        close();
        mDb = std::exchange(other.mDb, nullptr);
        mReadOnly = other.mReadOnly;
        mTransactionDepth = std::exchange(other.mTransactionDepth, 0);
    }
    return *this;
}

Database::~Database()
{
    close();
}

void Database::close() noexcept
{
    // close_v2 defers the close until every statement is finalized, so a statement
    // that outlives its database by mistake cannot crash here.
    sqlite3_close_v2(mDb);
    mDb = nullptr;
}

void Database::exec(std::string_view sql)
{
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(mDb, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errmsg(mDb);
        sqlite3_free(error);
        throw StoreError(rc & 0xff, message, text);
    }
}

Statement Database::prepare(std::string_view sql)
{
    return Statement(mDb, sql);
}

std::int64_t Database::queryInteger(std::string_view sql)
{
    Statement statement = prepare(sql);
    return statement.step() ? statement.integer(0) : 0;
}

std::int64_t Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(mDb);
}

int Database::changes() const
{
    return sqlite3_changes(mDb);
}

void Database::setBusyTimeout(std::chrono::milliseconds timeout)
{
    sqlite3_busy_timeout(mDb, static_cast<int>(timeout.count()));
}

} // namespace pixmark::sqlite
