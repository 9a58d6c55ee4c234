#pragma once
// Walks a folder tree for ingest: regular files in a stable order, following folder
// links without ever looping, and reporting what cannot be read instead of stopping.

#include <filesystem>
#include <functional>
#include <string>

namespace pixmark::ingest {

/// A path the walk could not use, with the reason ("permission denied", "symbolic link loop").
struct WalkProblem {
    std::filesystem::path path;
    std::string reason;
};

/// Calls onFile(absolutePath, pathRelativeToRoot) for each regular file below root, at most
/// maxDepth folder levels deep (-1: unlimited), skipping hidden entries (".name"), sorted
/// by name within each folder; onProblem for entries it cannot read. Throws
/// ValidationError when root itself is not a readable folder.
void walkFiles(const std::filesystem::path& root, int maxDepth,
               const std::function<void(const std::filesystem::path&, const std::string&)>& onFile,
               const std::function<void(const WalkProblem&)>& onProblem);

} // namespace pixmark::ingest
