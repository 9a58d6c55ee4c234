#pragma once
// RAII transaction: the outermost one is BEGIN IMMEDIATE ... COMMIT, nested ones are
// savepoints. Without commit() the destructor rolls back, so an exception part way
// through an edit leaves the project as it was.

namespace pixmark::sqlite {

class Database;

/// A unit of work on one Database. Must not outlive it; commit() at most once.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();

    void commit();

private:
    Database& mDb;
    int mDepth;
    bool mDone = false;
};

} // namespace pixmark::sqlite
