#pragma once
// One SQLite connection (RAII). Pixmark keeps exactly one writing connection per open
// project (SQLite 3.40's WAL-reset hazard, see DESIGN.md); background work hands its
// writes to it.

#include "core/store/sqlite/statement.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string_view>

struct sqlite3;

namespace pixmark::sqlite {

/// How a database file is opened.
enum class Access {
    ReadOnly,  ///< must exist; no writes
    ReadWrite, ///< must exist
    Create,    ///< created when missing
};

/// An open connection. Movable, not copyable; closes on destruction.
class Database {
public:
    /// Opens the file; throws StoreError when SQLite cannot open it.
    static Database open(const std::filesystem::path& file, Access access);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements that return no rows.
    void exec(std::string_view sql);
    /// Prepares a statement owned by the caller.
    Statement prepare(std::string_view sql);
    /// Runs a query whose first column of the first row is an integer (PRAGMA, COUNT).
    std::int64_t queryInteger(std::string_view sql);

    std::int64_t lastInsertRowId() const;
    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    int changes() const;
    void setBusyTimeout(std::chrono::milliseconds timeout);
    bool isReadOnly() const { return mReadOnly; }

    /// Savepoint nesting depth, maintained by Transaction.
    int& transactionDepth() { return mTransactionDepth; }
    sqlite3* handle() const { return mDb; }

private:
    Database(sqlite3* db, bool readOnly) : mDb(db), mReadOnly(readOnly) {}
    void close() noexcept;

    sqlite3* mDb = nullptr;
    bool mReadOnly = false;
    int mTransactionDepth = 0;
};

} // namespace pixmark::sqlite
