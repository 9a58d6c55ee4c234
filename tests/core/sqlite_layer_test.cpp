#include "core/store/sqlite/database.h"
#include "core/store/sqlite/store_error.h"
#include "core/store/sqlite/transaction.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using namespace pixmark;
using sqlite::Access;
using sqlite::Database;
using sqlite::Transaction;

namespace {
Database scratch(const test::TempDir& dir)
{
    auto db = Database::open(dir / "scratch.db", Access::Create);
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, data BLOB)");
    return db;
}
} // namespace

TEST_CASE("Statements bind and read every type", "[sqlite]")
{
    test::TempDir dir;
    auto db = scratch(dir);
    const unsigned char bytes[] = {0, 1, 2, 255};
    db.prepare("INSERT INTO t (id, name, score, data) VALUES (?, ?, ?, ?)")
        .bind(1, std::int64_t{1} << 40)
        .bind(2, std::string("naïve ✓"))
        .bind(3, 0.25)
        .bindBlob(4, bytes, sizeof bytes)
        .run();
    db.prepare("INSERT INTO t (name, score) VALUES (?, ?)").bindAll("second", std::optional<double>{}).run();
    auto row = db.prepare("SELECT id, name, score, data FROM t ORDER BY id DESC");
    REQUIRE(row.step());
    CHECK(row.integer(0) == (std::int64_t{1} << 40) + 1);
    CHECK(row.text(1) == "second");
    CHECK(row.isNull(2));
    CHECK_FALSE(row.optionalInteger(3));
    REQUIRE(row.step());
    CHECK(row.text(1) == "naïve ✓");
    CHECK(row.real(2) == 0.25);
    CHECK(row.blob(3) == std::vector<unsigned char>{0, 1, 2, 255});
    CHECK_FALSE(row.step());
}

TEST_CASE("Errors carry SQLite's message and the statement", "[sqlite]")
{
    test::TempDir dir;
    auto db = scratch(dir);
    try {
        db.exec("INSERT INTO t (name) VALUES (NULL)");
        FAIL("no error");
    } catch (const sqlite::StoreError& error) {
        CHECK(error.sqliteMessage() == "NOT NULL constraint failed: t.name");
        CHECK(error.statement() == "INSERT INTO t (name) VALUES (NULL)");
        CHECK_THAT(error.what(), Catch::Contains("constraint failed") && Catch::Contains("INSERT INTO t"));
        CHECK_FALSE(error.isCorruption());
    }
    CHECK_THROWS_AS(db.prepare("SELEC nonsense"), sqlite::StoreError);
}

TEST_CASE("Nested transactions are savepoints: a failed inner one leaves the outer intact", "[sqlite]")
{
    test::TempDir dir;
    auto db = scratch(dir);
    {
        Transaction outer(db);
        db.exec("INSERT INTO t (name) VALUES ('kept')");
        {
            Transaction inner(db);
            db.exec("INSERT INTO t (name) VALUES ('dropped')");
        } // no commit: rolled back to the savepoint
        {
            Transaction inner(db);
            db.exec("INSERT INTO t (name) VALUES ('nested commit')");
            inner.commit();
        }
        outer.commit();
    }
    CHECK(db.queryInteger("SELECT count(*) FROM t") == 2);
    CHECK(db.queryInteger("SELECT count(*) FROM t WHERE name = 'dropped'") == 0);
    CHECK(db.transactionDepth() == 0);
}

TEST_CASE("An exception inside a transaction rolls everything back", "[sqlite]")
{
    test::TempDir dir;
    auto db = scratch(dir);
    try {
        Transaction transaction(db);
        db.exec("INSERT INTO t (name) VALUES ('a')");
        db.exec("INSERT INTO t (name) VALUES (NULL)"); // throws
        transaction.commit();
    } catch (const sqlite::StoreError&) {
    }
    CHECK(db.queryInteger("SELECT count(*) FROM t") == 0);
    CHECK(db.transactionDepth() == 0);
    Transaction again(db); // the connection is usable afterwards
    db.exec("INSERT INTO t (name) VALUES ('b')");
    again.commit();
    CHECK(db.queryInteger("SELECT count(*) FROM t") == 1);
}

TEST_CASE("A second writer waits for the busy timeout, then gets a clear error", "[sqlite]")
{
    test::TempDir dir;
    auto first = scratch(dir);
    first.exec("PRAGMA journal_mode = WAL");
    auto second = Database::open(dir / "scratch.db", Access::ReadWrite);
    second.setBusyTimeout(std::chrono::milliseconds(50));
    Transaction holding(first);
    CHECK_THROWS_WITH(Transaction(second), Catch::Contains("busy"));
}
