#pragma once
// Exporting a project: a consistent snapshot of its final labels, split (seeded and
// stratified by class) if asked, written in one format into NAME_YYYYMMDD_HHMMSS/, images
// copied or referenced, then read back and checked.

#include "core/formats/format.h"
#include "core/util/progress.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace pixmark::formats {

struct SplitRatios {
    double train = 0.8;
    double val = 0.1;
    double test = 0.1;
};

struct ExportOptions {
    std::string format = "coco";
    /// Also labels still waiting for review (by default only final labels: approved,
    /// agreed by consensus, or any current label when review is not required).
    bool includeUnreviewed = false;
    std::optional<SplitRatios> split;
    std::uint64_t seed = 1;
    /// Copy the images into images/ of the export; otherwise file names are paths
    /// relative to the project's data root (export.json names it).
    bool copyImages = false;
    /// The export folder NAME_YYYYMMDD_HHMMSS is created inside this folder.
    std::filesystem::path parentFolder = ".";
};

struct ExportResult {
    std::filesystem::path folder;
    std::int64_t images = 0;
    std::int64_t annotations = 0;
    std::map<std::string, std::int64_t> imagesBySplit;
    VerifyReport verification;
};

/// Exports the project at projectFile (opened read-only: labeling may go on meanwhile).
/// Throws ValidationError for bad options, ProjectFileError when the folder cannot be
/// written; a failed verification is reported in the result, not thrown.
ExportResult exportProject(const std::filesystem::path& projectFile, const ExportOptions& options,
                           const ProgressCallback& progress = {}, const CancelToken& cancel = {});

/// The folder name of an export made at time ms: the project's name (file-safe) and the
/// UTC time, "Birds_20261125_174200".
std::string exportFolderName(const std::string& projectName, std::int64_t ms);

} // namespace pixmark::formats
