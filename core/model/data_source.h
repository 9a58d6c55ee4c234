#pragma once
// Where a project's images come from. Sources only grow the data set: a refresh adds
// new files and marks vanished ones missing, never deleting items or labels.

#include "core/model/project_info.h"

#include <cstdint>
#include <optional>
#include <string>

namespace pixmark {

using SourceId = std::int64_t;

enum class SourceKind {
    Files,    ///< an explicit list of files (options.files)
    Folder,   ///< every image below root, recursively
    Glob,     ///< files below root matching pattern (`**/*.png`, `a/*/b/*.tif`)
    Manifest, ///< a CSV or JSONL table at root naming the images (and maybe their classes)
};

std::string_view toId(SourceKind kind);
std::optional<SourceKind> parseSourceKind(std::string_view text);

struct DataSource {
    SourceId id = 0;
    SourceKind kind = SourceKind::Folder;
    std::string root;    ///< folder, glob base or manifest file; stored like item paths
    std::string pattern; ///< glob pattern relative to root (Glob only)
    std::string options = "{}"; ///< JSON: file list, manifest columns, label mode, duplicate policy
    bool copyIntoProject = false;
    bool incrementalRefresh = false;
    int refreshIntervalSeconds = 0; ///< 0: only on demand (and live watching when on)
    std::optional<Timestamp> lastRefreshAt;
};

} // namespace pixmark
