#pragma once
// The cross-process lock that keeps a second writer out of an open project. It is an
// advisory lock (flock) on "<project>.lock" holding "host pid"; the kernel drops it when
// the owner dies, so a lock left by a crashed process is simply taken over.

#include <filesystem>
#include <optional>
#include <string>

namespace pixmark::store {

/// Held while a project is open for writing. Movable; releases on destruction.
class ProjectLock {
public:
    /// Takes the lock for projectFile or throws ProjectInUseError naming the holder.
    static ProjectLock acquire(const std::filesystem::path& projectFile);

    ProjectLock(ProjectLock&& other) noexcept;
    ProjectLock& operator=(ProjectLock&&) = delete;
    ProjectLock(const ProjectLock&) = delete;
    ProjectLock& operator=(const ProjectLock&) = delete;
    ~ProjectLock();

    /// "host/pid" of a previous holder whose lock was stale and taken over, if any.
    const std::optional<std::string>& tookOverFrom() const { return mTookOverFrom; }

    static std::filesystem::path lockFileFor(const std::filesystem::path& projectFile);

private:
    ProjectLock(int fd, std::filesystem::path path, std::optional<std::string> tookOverFrom);

    int mFd = -1;
    std::filesystem::path mPath;
    std::optional<std::string> mTookOverFrom;
};

/// "host/pid" of this process, as written into lock files.
std::string thisProcessOwner();

} // namespace pixmark::store
