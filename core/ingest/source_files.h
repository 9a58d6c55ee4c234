#pragma once
// Lists the files a data source stands for, as the registrar and refresh see them.

#include "core/ingest/file_walker.h"
#include "core/ingest/source_request.h"

#include <optional>
#include <vector>

namespace pixmark::ingest {

/// One file a source names.
struct SourceFile {
    std::filesystem::path path;       ///< absolute
    std::string relativeToSource;     ///< for copies: where below the managed folder it goes
    std::vector<std::string> labels;  ///< manifest classes (several when rows repeat the image)
    bool named = false;               ///< named explicitly (file list, manifest, glob): kept even if not an image
};

struct SourceListing {
    std::vector<SourceFile> files;
    std::vector<WalkProblem> problems; ///< unreadable folders, link loops, bad manifest rows, files not found
};

/// The request's settings as DataSource::options JSON, and back.
std::string optionsJson(const SourceRequest& request);
SourceRequest requestFromSource(const DataSource& source, const std::filesystem::path& absoluteRoot);

/// Lists the request's files. Throws ValidationError when the source itself is unusable
/// (folder missing, manifest without the named columns).
SourceListing listSourceFiles(const SourceRequest& request);

} // namespace pixmark::ingest
