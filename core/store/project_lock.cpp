#include "core/store/project_lock.h"

#include "core/errors.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fcntl.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

namespace pixmark::store {

namespace {

std::string readOwner(int fd)
{
    std::array<char, 512> buffer{};
    const ssize_t n = pread(fd, buffer.data(), buffer.size() - 1, 0);
    if (n <= 0)
        return {};
    std::string text(buffer.data(), static_cast<std::size_t>(n));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

bool samePathStillNamesFile(int fd, const std::filesystem::path& path)
{
    struct stat opened {};
    struct stat named {};
    if (fstat(fd, &opened) != 0 || stat(path.c_str(), &named) != 0)
        return false;
    return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino;
}

[[noreturn]] void throwSystem(const std::string& what, const std::filesystem::path& path)
{
    throw Error("Cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

} // namespace

std::string thisProcessOwner()
{
    std::array<char, 256> host{};
    if (gethostname(host.data(), host.size() - 1) != 0)
        std::strcpy(host.data(), "unknown-host");
    return std::string(host.data()) + "/" + std::to_string(getpid());
}

std::filesystem::path ProjectLock::lockFileFor(const std::filesystem::path& projectFile)
{
    std::filesystem::path lock = projectFile;
    lock += ".lock";
    return lock;
}

ProjectLock ProjectLock::acquire(const std::filesystem::path& projectFile)
{
    const std::filesystem::path path = lockFileFor(projectFile);
    // The holder removes the file when it closes; if that happens between our open and
    // our flock we hold a lock on a removed file, so check and retry.
    for (int attempt = 0; attempt < 10; ++attempt) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            throwSystem("create the lock file", path);
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            std::string owner = readOwner(fd);
            ::close(fd);
            if (error != EWOULDBLOCK) {
                errno = error;
                throwSystem("lock", path);
            }
            if (owner.empty())
                owner = "another process";
            throw ProjectInUseError("The project " + projectFile.filename().string() + " is in use by " + owner +
                                        ". Close it there first (only one program may change a project at a time).",
                                    owner);
        }
        if (!samePathStillNamesFile(fd, path)) {
            ::close(fd);
            continue;
        }
        std::optional<std::string> previous;
        if (std::string stale = readOwner(fd); !stale.empty())
            previous = stale;
        const std::string owner = thisProcessOwner() + "\n";
        if (ftruncate(fd, 0) != 0 || pwrite(fd, owner.data(), owner.size(), 0) < 0) {
            ::close(fd);
            throwSystem("write the lock file", path);
        }
        return ProjectLock(fd, path, std::move(previous));
    }
    throw ProjectInUseError("The project " + projectFile.filename().string() +
                                " is being opened and closed by another process; try again.",
                            "another process");
}

ProjectLock::ProjectLock(int fd, std::filesystem::path path, std::optional<std::string> tookOverFrom)
    : mFd(fd), mPath(std::move(path)), mTookOverFrom(std::move(tookOverFrom))
{
}

ProjectLock::ProjectLock(ProjectLock&& other) noexcept
    : mFd(std::exchange(other.mFd, -1)), mPath(std::move(other.mPath)), mTookOverFrom(std::move(other.mTookOverFrom))
{
}

ProjectLock::~ProjectLock()
{
    if (mFd < 0)
        return;
    // Unlink while still holding the lock, so nobody can lock the name we remove.
    ::unlink(mPath.c_str());
    ::close(mFd);
}

} // namespace pixmark::store
