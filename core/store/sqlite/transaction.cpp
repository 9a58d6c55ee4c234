#include "core/store/sqlite/transaction.h"

#include "core/store/sqlite/database.h"

#include <string>

namespace pixmark::sqlite {

namespace {
std::string savepointName(int depth)
{
    return "pixmark_sp" + std::to_string(depth);
}
} // namespace

Transaction::Transaction(Database& db) : mDb(db), mDepth(db.transactionDepth())
{
    // IMMEDIATE takes the write lock up front, so a busy database fails here and not
    // half way through the work.
    mDb.exec(mDepth == 0 ? std::string("BEGIN IMMEDIATE") : "SAVEPOINT " + savepointName(mDepth));
    ++mDb.transactionDepth();
}

Transaction::~Transaction()
{
    if (mDone)
        return;
    --mDb.transactionDepth();
    try {
        if (mDepth == 0)
            mDb.exec("ROLLBACK");
        else
            mDb.exec("ROLLBACK TO " + savepointName(mDepth) + "; RELEASE " + savepointName(mDepth));
    } catch (...) {
        // A failed rollback means SQLite already rolled back (it does so on some I/O
        // errors); the original exception is the one worth reporting.
    }
}

void Transaction::commit()
{
    mDb.exec(mDepth == 0 ? std::string("COMMIT") : "RELEASE " + savepointName(mDepth));
    mDone = true;
    --mDb.transactionDepth();
}

} // namespace pixmark::sqlite
