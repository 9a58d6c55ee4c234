#include "core/store/background_checkpoint.h"

#include "core/store/sqlite/database.h"

#include <chrono>

namespace pixmark::store {

AutoCheckpointDeferred::AutoCheckpointDeferred(sqlite::Database& db)
    : mDb(db), mPages(db.queryInteger("PRAGMA wal_autocheckpoint"))
{
    mDb.exec("PRAGMA wal_autocheckpoint = 0");
}

AutoCheckpointDeferred::~AutoCheckpointDeferred()
{
    try {
        mDb.exec("PRAGMA wal_autocheckpoint = " + std::to_string(mPages));
    } catch (...) {
        // Setting a pragma on an open connection does not fail in practice, and a
        // destructor must not throw; the setting is per connection and ends with it.
    }
}

BackgroundCheckpoint::BackgroundCheckpoint(std::filesystem::path file) : mFile(std::move(file)) {}

BackgroundCheckpoint::~BackgroundCheckpoint()
{
    wait();
}

void BackgroundCheckpoint::start()
{
    wait();
    mThread = std::thread([this] {
        std::optional<std::string> failure;
        try {
            auto db = sqlite::Database::open(mFile, sqlite::Access::ReadWrite);
            db.setBusyTimeout(std::chrono::seconds(5));
            db.exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception& error) {
            failure = error.what();
        }
        const std::lock_guard lock(mMutex);
        mFailure = std::move(failure);
    });
}

std::optional<std::string> BackgroundCheckpoint::wait()
{
    if (mThread.joinable())
        mThread.join();
    const std::lock_guard lock(mMutex);
    return mFailure;
}

} // namespace pixmark::store
