#include "core/store/package_store.h"

#include "core/store/annotation_row.h"
#include "core/store/sqlite/database.h"

namespace pixmark::store {

AttachedPackage::AttachedPackage(sqlite::Database& db, const std::filesystem::path& packageFile) : mDb(db)
{
    mDb.prepare("ATTACH DATABASE ? AS package").bindAll(packageFile.string()).run();
}

AttachedPackage::~AttachedPackage()
{
    try {
        mDb.exec("DETACH DATABASE package");
    } catch (const std::exception&) {
        // Detaching fails only inside an open transaction; the connection closes it later.
    }
}

void AttachedPackage::fill(const PackageContents& contents)
{
    mDb.exec("DELETE FROM package.label_classes");
    mDb.exec("INSERT INTO package.label_classes SELECT * FROM main.label_classes");
    mDb.prepare("UPDATE package.project SET data_root = ?, settings = ?, instructions = ?, instructions_url = ?")
        .bindAll(contents.dataRoot, contents.settingsJson, contents.instructions, contents.instructionsUrl)
        .run();
    mDb.prepare("INSERT INTO package.labelers (name, role, created_at, uuid) VALUES (?, 'labeler', "
                "(SELECT created_at FROM package.project), ?)")
        .bindAll(contents.labeler.name, contents.labeler.uuid)
        .run();
    // Items keep their ids, so the merge finds them; sources stay with the parent.
    auto item = mDb.prepare(
        "INSERT INTO package.items (id, source_id, relative_path, format, bytes, mtime, content_hash, width, height, "
        "frames, status, shuffle_key, readable, unreadable_why, added_at, orientation, bits_per_sample, channels) "
        "SELECT id, NULL, ?2, format, bytes, mtime, content_hash, width, height, frames, 'unlabeled', shuffle_key, "
        "readable, unreadable_why, added_at, orientation, bits_per_sample, channels FROM main.items WHERE id = ?1");
    auto suggestions = mDb.prepare(
        "INSERT INTO package.predictions (id, run_id, item_id, class_id, kind, geometry, score, created_at, origin) "
        "SELECT id, NULL, item_id, class_id, kind, geometry, score, created_at, origin FROM main.predictions "
        "WHERE item_id = ?1");
    for (const auto& [id, storedPath] : contents.items) {
        item.bindAll(id, storedPath).run();
        suggestions.bindAll(id).run();
    }
}

std::string AttachedPackage::uuid()
{
    auto row = mDb.prepare("SELECT uuid FROM package.project");
    row.step();
    return row.text(0);
}

std::string AttachedPackage::settingsJson()
{
    auto row = mDb.prepare("SELECT settings FROM package.project");
    row.step();
    return row.text(0);
}

std::vector<PackageSubmission> AttachedPackage::submissions()
{
    auto row = mDb.prepare(R"SQL(
        SELECT s.id, s.item_id, coalesce(l.uuid, ''), l.name, s.submitted_at, s.duration_ms, s.origin, s.skipped
        FROM package.submissions s JOIN package.labelers l ON l.id = s.labeler_id
        WHERE s.review_state != 'rejected' ORDER BY s.id)SQL");
    std::vector<PackageSubmission> result;
    while (row.step()) {
        PackageSubmission submission;
        submission.id = row.integer(0);
        submission.itemId = row.integer(1);
        submission.labelerUuid = row.text(2);
        submission.labelerName = row.text(3);
        submission.submittedAt = row.integer(4);
        submission.durationMs = row.integer(5);
        submission.origin = parseSubmissionOrigin(row.text(6)).value_or(SubmissionOrigin::Manual);
        submission.skipped = row.integer(7) != 0;
        result.push_back(std::move(submission));
    }
    auto annotations = mDb.prepare("SELECT class_id, kind, geometry, score, origin FROM package.annotations "
                                   "WHERE submission_id = ? ORDER BY id");
    for (PackageSubmission& submission : result) {
        annotations.reset();
        annotations.bind(1, submission.id);
        while (annotations.step())
            submission.annotations.push_back(readSubmittedAnnotation(annotations, 0));
    }
    return result;
}

std::map<ClassId, std::string> AttachedPackage::classNames()
{
    std::map<ClassId, std::string> names;
    auto row = mDb.prepare("SELECT id, name FROM package.label_classes");
    while (row.step())
        names[row.integer(0)] = row.text(1);
    return names;
}

std::map<ItemId, std::string> AttachedPackage::itemHashes()
{
    std::map<ItemId, std::string> hashes;
    auto row = mDb.prepare("SELECT id, coalesce(content_hash, '') FROM package.items");
    while (row.step())
        hashes[row.integer(0)] = row.text(1);
    return hashes;
}

bool PackageMergeTable::isMerged(const std::string& packageUuid, SubmissionId packageSubmission)
{
    auto row = mDb.prepare("SELECT 1 FROM package_merges WHERE package_uuid = ? AND package_submission_id = ?");
    row.bindAll(packageUuid, packageSubmission);
    return row.step();
}

void PackageMergeTable::record(const std::string& packageUuid, SubmissionId packageSubmission, SubmissionId merged,
                               std::int64_t now)
{
    mDb.prepare("INSERT INTO package_merges (package_uuid, package_submission_id, submission_id, merged_at) "
                "VALUES (?, ?, ?, ?)")
        .bindAll(packageUuid, packageSubmission, merged, now)
        .run();
}

} // namespace pixmark::store
