#pragma once
// SQL for work packages: copying a subset of a project into a package file, and reading
// a package's submissions back for a merge. The package file is attached to the parent's
// connection (the parent's only writer), so no second connection ever writes either file.

#include "core/model/labeling.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// What a package holds besides its copied classes: the items (by parent id, with the
/// path the package stores), its labeler, and its own project settings.
struct PackageContents {
    std::vector<std::pair<ItemId, std::string>> items; ///< parent item id, stored path in the package
    Labeler labeler;
    std::string dataRoot;     ///< the package's data root ("." when images are copied)
    std::string settingsJson; ///< the package's settings, with its "package" entry
    std::string instructions;
    std::string instructionsUrl;
};

/// A package submission as the merge reads it.
struct PackageSubmission {
    SubmissionId id = 0;
    ItemId itemId = 0;
    std::string labelerUuid;
    std::string labelerName;
    Timestamp submittedAt = 0;
    std::int64_t durationMs = 0;
    SubmissionOrigin origin = SubmissionOrigin::Manual;
    bool skipped = false;
    std::vector<Annotation> annotations;
};

/// Attaches a package file to the parent's connection for the object's lifetime.
class AttachedPackage {
public:
    AttachedPackage(sqlite::Database& db, const std::filesystem::path& packageFile);
    ~AttachedPackage();
    AttachedPackage(const AttachedPackage&) = delete;
    AttachedPackage& operator=(const AttachedPackage&) = delete;

    /// Fills the (new, empty) package with the parent's classes, the items and their
    /// suggestions, the labeler and the project fields; in the caller's transaction.
    void fill(const PackageContents& contents);
    std::string uuid();
    std::string settingsJson();
    /// Every submission in the package, oldest first, with annotations.
    std::vector<PackageSubmission> submissions();
    /// The package's classes by id: name.
    std::map<ClassId, std::string> classNames();
    /// The package's items by id: content hash (empty when unknown).
    std::map<ItemId, std::string> itemHashes();

private:
    sqlite::Database& mDb;
};

/// Which package submissions were merged before (package_merges).
class PackageMergeTable {
public:
    explicit PackageMergeTable(sqlite::Database& db) : mDb(db) {}
    bool isMerged(const std::string& packageUuid, SubmissionId packageSubmission);
    void record(const std::string& packageUuid, SubmissionId packageSubmission, SubmissionId merged, std::int64_t now);

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
