#pragma once
// A prepared statement with typed binding and typed column access. Owned by value;
// finalized on destruction. Parameters are 1-based as in SQLite.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace pixmark::sqlite {

/// One prepared statement. Not copyable; movable. Belongs to the Database that made it
/// and must not outlive it.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, std::nullptr_t);
    /// Binds text without copying it: the caller keeps it alive and unchanged until the
    /// statement has run (bulk writers binding thousands of rows from their own buffers).
    Statement& bindUnowned(int index, std::string_view text);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    /// Binds every argument in order, starting at parameter 1.
    template <class... Args>
    Statement& bindAll(const Args&... args)
    {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    /// Advances to the next row; false when the statement is done.
    bool step();
    /// Runs a statement that returns no rows, then resets it for reuse.
    void run();
    /// Resets the statement and clears its bindings so it can run again.
    void reset();

    bool isNull(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optionalText(int column) const;
    std::optional<std::int64_t> optionalInteger(int column) const;
    std::vector<unsigned char> blob(int column) const;

    const std::string& sql() const { return mSql; }

private:
    sqlite3* mDb = nullptr;
    sqlite3_stmt* mStmt = nullptr;
    std::string mSql;
};

} // namespace pixmark::sqlite
