#pragma once
// What a person asks for when adding images: which files, how to treat labels found in
// a manifest, whether to copy, what to do with identical content. Stored with the source
// (DataSource::options) so that refreshes repeat the same choices.

#include "core/ingest/manifest.h"
#include "core/model/data_source.h"

#include <filesystem>
#include <string>
#include <vector>

namespace pixmark::ingest {

enum class DuplicatePolicy {
    Skip, ///< identical content under another path is reported and not registered
    Keep, ///< it is reported and registered anyway
};

enum class ManifestLabels {
    Final,    ///< the manifest's classes become labels (origin "imported")
    Prelabel, ///< they become suggestions a labeler reviews
};

struct SourceRequest {
    SourceKind kind = SourceKind::Folder;
    std::vector<std::filesystem::path> files; ///< Files
    std::filesystem::path root;               ///< Folder, Glob base, Manifest file
    std::string pattern;                      ///< Glob, relative to root
    ManifestColumns manifestColumns;          ///< Manifest
    ManifestLabels manifestLabels = ManifestLabels::Prelabel;
    bool copyIntoProject = false;
    DuplicatePolicy duplicates = DuplicatePolicy::Skip;
    bool incrementalRefresh = false;
    int refreshIntervalSeconds = 0;
};

/// Turns a command-line style argument into a request: a folder, a glob ("dir/**/*.png",
/// split at its first wildcard segment) or a single file. Throws ValidationError for a
/// path that does not exist.
SourceRequest requestForPath(const std::string& argument);

} // namespace pixmark::ingest
