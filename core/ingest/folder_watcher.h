#pragma once
// Live watching of source folders (Linux inotify), so incremental sources refresh as files
// arrive. Watching is a hint: a refresh always compares with the disk, so a missed event
// costs only latency, and the interval refresh still runs.

#include <chrono>
#include <filesystem>
#include <map>
#include <vector>

namespace pixmark::ingest {

/// Watches folders and everything below them. Not thread-safe; one owner.
class FolderWatcher {
public:
    /// Starts watching; folders that cannot be watched are skipped (available() tells
    /// whether anything is watched at all).
    explicit FolderWatcher(const std::vector<std::filesystem::path>& roots);
    ~FolderWatcher();
    FolderWatcher(const FolderWatcher&) = delete;
    FolderWatcher& operator=(const FolderWatcher&) = delete;

    bool available() const { return mFd >= 0 && !mWatches.empty(); }
    /// Waits up to timeout for a file to be created, written, moved or deleted below the
    /// roots. Once something happens it keeps collecting until `settle` passes without
    /// events (a copy of a thousand files is one change). True when anything changed.
    bool waitForChange(std::chrono::milliseconds timeout,
                       std::chrono::milliseconds settle = std::chrono::milliseconds(500));

private:
    void watchTree(const std::filesystem::path& folder);
    bool drain(); ///< reads pending events; true if any; watches new folders

    int mFd = -1;
    std::map<int, std::filesystem::path> mWatches;
};

} // namespace pixmark::ingest
