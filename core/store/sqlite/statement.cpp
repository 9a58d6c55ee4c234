#include "core/store/sqlite/statement.h"

#include "core/store/sqlite/store_error.h"

#include <sqlite3.h>

#include <utility>

namespace pixmark::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : mDb(db), mSql(sql)
{
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &mStmt, nullptr);
    throwIfFailed(rc, db, mSql);
}

Statement::Statement(Statement&& other) noexcept
    : mDb(std::exchange(other.mDb, nullptr)), mStmt(std::exchange(other.mStmt, nullptr)),
      mSql(std::move(other.mSql))
{
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(mStmt);
        mDb = std::exchange(other.mDb, nullptr);
        mStmt = std::exchange(other.mStmt, nullptr);
        mSql = std::move(other.mSql);
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(mStmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    throwIfFailed(sqlite3_bind_int64(mStmt, index, value), mDb, mSql);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    throwIfFailed(sqlite3_bind_double(mStmt, index, value), mDb, mSql);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    throwIfFailed(sqlite3_bind_text64(mStmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), mDb,
                  mSql);
    return *this;
}

Statement& Statement::bindUnowned(int index, std::string_view text)
{
    throwIfFailed(sqlite3_bind_text64(mStmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8), mDb,
                  mSql);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t)
{
    throwIfFailed(sqlite3_bind_null(mStmt, index), mDb, mSql);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    throwIfFailed(sqlite3_bind_blob64(mStmt, index, data, size, SQLITE_TRANSIENT), mDb, mSql);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    // Reset first so the statement is reusable, but report the step's error.
    std::string message = sqlite3_errmsg(mDb);
    sqlite3_reset(mStmt);
    throw StoreError(rc & 0xff, message, mSql);
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(mStmt);
    sqlite3_clear_bindings(mStmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(mStmt, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(mStmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(mStmt, column);
}

std::string Statement::text(int column) const
{
    const auto* data = sqlite3_column_text(mStmt, column);
    const int size = sqlite3_column_bytes(mStmt, column);
    return data ? std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size)) : std::string();
}

std::optional<std::string> Statement::optionalText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Statement::optionalInteger(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return integer(column);
}

std::vector<unsigned char> Statement::blob(int column) const
{
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(mStmt, column));
    const int size = sqlite3_column_bytes(mStmt, column);
    return data ? std::vector<unsigned char>(data, data + size) : std::vector<unsigned char>();
}

} // namespace pixmark::sqlite
