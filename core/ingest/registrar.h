#pragma once
// Registration: turns a data source into items. Files are probed (header only) and
// hashed on worker threads; the results go to the project's single writer (the calling
// thread) in batches, each batch one transaction, so an interrupted import keeps every
// batch it finished. Refresh compares a source with the disk: new files are registered,
// vanished ones marked missing (their labels stay), returning ones restored.

#include "core/ingest/image_reader.h"
#include "core/ingest/source_files.h"
#include "core/ingest/source_request.h"
#include "core/model/labeling.h"
#include "core/util/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pixmark {
class Project;
}

namespace pixmark::ingest {

struct RegistrationOptions {
    ReaderLimits limits;
    int threads = 0;              ///< probe threads; 0: one per core (at least 2)
    std::size_t batchSize = 2000; ///< files per transaction
};

/// A file and what is wrong with it.
struct FileIssue {
    std::string path;
    std::string reason;
};

/// A file whose bytes equal those of a file already in the project (or earlier in the run).
struct DuplicateFile {
    std::string path;
    std::string sameAs;
    bool kept = false;
};

/// What an add or refresh did, for the summary the user sees at the end.
struct RegistrationReport {
    SourceId sourceId = 0;
    std::int64_t listed = 0;            ///< files the source names
    std::int64_t added = 0;             ///< new readable items
    std::int64_t alreadyRegistered = 0; ///< same path already in the project
    std::int64_t ignored = 0;           ///< extensionless files that are not images
    std::int64_t markedMissing = 0;     ///< refresh: files gone since the last look
    std::int64_t foundAgain = 0;        ///< refresh: missing files that came back
    std::int64_t moved = 0;             ///< missing items found again under a new path (same content)
    std::int64_t changed = 0;           ///< refresh: files whose size or time changed, probed again
    std::int64_t labelsImported = 0;    ///< manifest classes applied (labels or suggestions)
    std::vector<FileIssue> unreadable;  ///< registered as unreadable items, with the reason
    std::vector<FileIssue> problems;    ///< not registered: not found, unreadable folders, bad manifest rows
    std::vector<DuplicateFile> duplicates;
    bool cancelled = false;
};

/// Registers files into one open project. Not thread-safe; call from the project's owner.
class Registrar {
public:
    explicit Registrar(Project& project, RegistrationOptions options = {});

    /// Adds a source and registers its files. Throws ValidationError when the source
    /// itself is unusable (nothing is written then).
    RegistrationReport addSource(const SourceRequest& request, const ProgressCallback& progress = {},
                                 const CancelToken& cancel = {});
    /// Compares the source with the disk and applies the differences.
    RegistrationReport refresh(SourceId source, const ProgressCallback& progress = {},
                               const CancelToken& cancel = {});

private:
    void registerFiles(SourceId source, const SourceRequest& request, const std::vector<SourceFile>& files,
                       RegistrationReport& report, const ProgressCallback& progress, const CancelToken& cancel);
    /// Where the item of file lives: the file itself, or its copy in the managed folder.
    std::filesystem::path itemFileOf(SourceId source, const SourceRequest& request, const SourceFile& file) const;
    /// Class ids for each item's manifest labels (tags[i] for items[i]), creating the
    /// classes the project lacks; bad names are reported.
    std::vector<std::vector<ClassId>> manifestClasses(const std::vector<Item>& items,
                                                      const std::vector<std::vector<std::string>>& labels,
                                                      RegistrationReport& report);

    Project& mProject;
    RegistrationOptions mOptions;
};

} // namespace pixmark::ingest
