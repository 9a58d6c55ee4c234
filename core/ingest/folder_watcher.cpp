#include "core/ingest/folder_watcher.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <chrono>

namespace pixmark::ingest {

namespace {
constexpr std::uint32_t kEvents = IN_CREATE | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE |
                                  IN_DELETE_SELF | IN_MOVE_SELF;
}

FolderWatcher::FolderWatcher(const std::vector<std::filesystem::path>& roots)
    : mFd(inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
{
    if (mFd < 0)
        return;
    for (const auto& root : roots)
        watchTree(root);
}

FolderWatcher::~FolderWatcher()
{
    if (mFd >= 0)
        ::close(mFd);
}

void FolderWatcher::watchTree(const std::filesystem::path& folder)
{
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error))
        return;
    const int watch = inotify_add_watch(mFd, folder.c_str(), kEvents);
    if (watch < 0)
        return; // out of watches or no permission: the interval refresh still covers it
    mWatches[watch] = folder;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end; it.increment(error))
        if (it->is_directory(error) && !it->is_symlink(error))
            watchTree(it->path());
}

bool FolderWatcher::drain()
{
    bool changed = false;
    alignas(inotify_event) std::array<char, 16 * 1024> buffer{};
    while (true) {
        const ssize_t n = ::read(mFd, buffer.data(), buffer.size());
        if (n <= 0)
            return changed;
        for (ssize_t offset = 0; offset < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + offset);
            changed = true;
            if ((event->mask & IN_ISDIR) && (event->mask & (IN_CREATE | IN_MOVED_TO)) && event->len > 0) {
                const auto it = mWatches.find(event->wd);
                if (it != mWatches.end())
                    watchTree(it->second / event->name);
            }
            if (event->mask & IN_IGNORED)
                mWatches.erase(event->wd);
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
}

bool FolderWatcher::waitForChange(std::chrono::milliseconds timeout, std::chrono::milliseconds settle)
{
    if (mFd < 0) {
        ::usleep(static_cast<useconds_t>(timeout.count() * 1000));
        return false;
    }
    pollfd descriptor{mFd, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0)
        return false;
    bool changed = drain();
    // Settle, but not forever: a steady stream of files (a tethered camera) must still
    // lead to refreshes, at most one `timeout` apart.
    const auto giveUp = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < giveUp && ::poll(&descriptor, 1, static_cast<int>(settle.count())) > 0)
        changed = drain() || changed;
    return changed;
}

} // namespace pixmark::ingest
