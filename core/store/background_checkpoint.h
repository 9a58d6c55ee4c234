#pragma once
// Copying a large write's pages from the write-ahead log into the project file, off the
// writer's thread. A bulk import commits hundreds of megabytes to the WAL; SQLite would
// then copy all of it into place inside the same commit call. The import is complete and
// durable once committed, so that copy runs here instead, on a connection of its own,
// while the project goes on being used.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// While alive, the connection's commits leave the WAL as it is (no automatic checkpoint);
/// the previous setting comes back when it goes.
class AutoCheckpointDeferred {
public:
    explicit AutoCheckpointDeferred(sqlite::Database& db);
    ~AutoCheckpointDeferred();
    AutoCheckpointDeferred(const AutoCheckpointDeferred&) = delete;
    AutoCheckpointDeferred& operator=(const AutoCheckpointDeferred&) = delete;

private:
    sqlite::Database& mDb;
    std::int64_t mPages;
};

class BackgroundCheckpoint {
public:
    explicit BackgroundCheckpoint(std::filesystem::path file);
    /// Waits for a checkpoint under way.
    ~BackgroundCheckpoint();
    BackgroundCheckpoint(const BackgroundCheckpoint&) = delete;
    BackgroundCheckpoint& operator=(const BackgroundCheckpoint&) = delete;

    /// Starts a passive checkpoint (it never blocks readers or the writer) unless one is
    /// under way.
    void start();
    /// Waits for the checkpoint under way. Returns why the last one failed, if it did:
    /// the pages then stay in the WAL, where SQLite reads them and copies them at its next
    /// automatic checkpoint or when the project closes, so nothing is lost.
    std::optional<std::string> wait();

private:
    std::filesystem::path mFile;
    std::thread mThread;
    std::mutex mMutex;
    std::optional<std::string> mFailure;
};

} // namespace pixmark::store
