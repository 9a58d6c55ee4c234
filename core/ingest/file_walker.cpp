#include "core/ingest/file_walker.h"

#include "core/errors.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>
#include <vector>

namespace pixmark::ingest {

namespace {

using FileKey = std::pair<dev_t, ino_t>;

struct Walker {
    const std::function<void(const std::filesystem::path&, const std::string&)>& onFile;
    const std::function<void(const WalkProblem&)>& onProblem;
    int maxDepth;
    std::set<FileKey> visitedFolders;

    void walk(const std::filesystem::path& folder, const std::string& relative, int depth)
    {
        std::error_code error;
        std::vector<std::filesystem::directory_entry> entries;
        std::filesystem::directory_iterator it(folder, error);
        if (error) {
            onProblem({folder, "cannot list the folder: " + error.message()});
            return;
        }
        for (; it != std::filesystem::directory_iterator(); it.increment(error)) {
            if (error) {
                onProblem({folder, "cannot list the folder: " + error.message()});
                break;
            }
            if (it->path().filename().string().front() != '.')
                entries.push_back(*it);
        }
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });

        for (const auto& entry : entries) {
            const std::string name = entry.path().filename().string();
            const std::string childRelative = relative.empty() ? name : relative + "/" + name;
            struct stat info {};
            if (::stat(entry.path().c_str(), &info) != 0) {
                // lstat succeeds where stat fails: a dangling or looping link.
                const int cause = errno;
                onProblem({entry.path(), cause == ELOOP     ? "symbolic link loop"
                                         : cause == ENOENT  ? "broken symbolic link"
                                         : cause == EACCES ? "permission denied"
                                                            : std::strerror(cause)});
                continue;
            }
            if (S_ISDIR(info.st_mode)) {
                if (maxDepth >= 0 && depth >= maxDepth)
                    continue;
                if (!visitedFolders.insert({info.st_dev, info.st_ino}).second) {
                    onProblem({entry.path(), "symbolic link loop (folder already visited)"});
                    continue;
                }
                walk(entry.path(), childRelative, depth + 1);
            } else if (S_ISREG(info.st_mode)) {
                onFile(entry.path(), childRelative);
            }
        }
    }
};

} // namespace

void walkFiles(const std::filesystem::path& root, int maxDepth,
               const std::function<void(const std::filesystem::path&, const std::string&)>& onFile,
               const std::function<void(const WalkProblem&)>& onProblem)
{
    struct stat info {};
    if (::stat(root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
        throw ValidationError("\"" + root.string() + "\" is not a folder that can be read.");
    Walker walker{onFile, onProblem, maxDepth, {}};
    walker.visitedFolders.insert({info.st_dev, info.st_ino});
    walker.walk(root, "", 0);
}

} // namespace pixmark::ingest
