#pragma once
// Private to core/project: the state behind Project, shared by its source files
// (project.cpp, project_classes.cpp, project_labels.cpp, project_sources.cpp).

#include "core/errors.h"
#include "core/model/keymap.h"
#include "core/model/package.h"
#include "core/project/project.h"
#include "core/project/workflow_settings.h"
#include "core/store/background_checkpoint.h"
#include "core/store/class_table.h"
#include "core/store/consensus_table.h"
#include "core/store/item_table.h"
#include "core/store/labeling_tables.h"
#include "core/store/project_lock.h"
#include "core/store/project_table.h"
#include "core/store/run_table.h"
#include "core/store/source_table.h"
#include "core/store/task_table.h"
#include "core/store/sqlite/database.h"
#include "core/store/workflow_tables.h"

#include <nlohmann/json.hpp>

#include <map>

namespace pixmark {

using Json = nlohmann::json;

/// Labelers that are not people: who imported labels record, and who consensus results
/// record. Names people cannot take.
inline constexpr const char* kImportLabelerName = "import";
inline constexpr const char* kConsensusLabelerName = "consensus";

struct Project::Impl {
    Impl(std::filesystem::path projectFile, std::optional<store::ProjectLock> projectLock, sqlite::Database database)
        : file(std::move(projectFile)), lock(std::move(projectLock)), db(std::move(database)), project(db),
          classes(db), items(db), labelers(db), submissions(db), suggestions(db), events(db), sources(db),
          tasks(db), consensus(db), reviews(db), workflow(db), runs(db)
    {
    }

    std::filesystem::path file;
    // Declared before db: the lock outlives the connection, so no one else can open the
    // file for writing until our connection has checkpointed and closed.
    std::optional<store::ProjectLock> lock;
    sqlite::Database db;
    /// After db: it is destroyed first, so a checkpoint under way ends before db closes.
    store::BackgroundCheckpoint checkpoint{file};
    store::ProjectTable project;
    store::ClassTable classes;
    store::ItemTable items;
    store::LabelerTable labelers;
    store::SubmissionTable submissions;
    store::SuggestionTable suggestions;
    store::EventLog events;
    store::SourceTable sources;
    store::TaskTable tasks;
    store::ConsensusTable consensus;
    store::ReviewTable reviews;
    store::WorkflowQueries workflow;
    store::RunTable runs;
    std::optional<LabelerId> currentLabeler;
    /// The absolute data root, computed once: registration asks for it for every file.
    std::optional<std::filesystem::path> dataRoot;

    /// The "package" setting of a work package file; nullopt for a project.
    std::optional<PackageInfo> packageInfo()
    {
        const auto settings = Json::parse(project.settings(), nullptr, false);
        if (!settings.is_object() || !settings.contains("package") || !settings["package"].is_object())
            return std::nullopt;
        const Json& package = settings["package"];
        PackageInfo info;
        info.parentUuid = package.value("parent_uuid", "");
        info.parentName = package.value("parent_name", "");
        info.labeler.name = package.value("labeler_name", "");
        info.labeler.uuid = package.value("labeler_uuid", "");
        info.labeler.role = "labeler";
        info.createdAt = package.value("created_at", std::int64_t{0});
        info.imagesCopied = package.value("images_copied", false);
        return info;
    }

    void requireWritable() const
    {
        if (db.isReadOnly())
            throw ConflictError("The project " + file.filename().string() +
                                " is open read-only; open it for writing to change it.");
    }

    // Every edit is logged with who made it and stamps the project's modified time.
    void logEdit(const std::string& kind, const Json& payload, std::int64_t now, std::optional<LabelerId> who)
    {
        events.append(kind, payload.dump(), who, now);
        project.touch(now);
    }

    LabelClass requireClass(ClassId id)
    {
        auto found = classes.find(id);
        if (!found)
            throw NotFoundError("There is no class with id " + std::to_string(id) + " in this project.");
        return *found;
    }

    void requireUniqueName(const std::string& name, std::optional<ClassId> except)
    {
        auto existing = classes.findByName(name);
        if (existing && existing->id != except)
            throw ConflictError("A class named \"" + existing->name + "\" already exists" +
                                (existing->archived ? " (archived; unarchive it instead)" : "") + ".");
    }

    std::string checkedHotkey(const std::string& hotkey, std::optional<ClassId> except)
    {
        std::string normal = normalizeClassHotkey(hotkey);
        auto owner = classes.findByHotkey(normal);
        if (owner && owner->id != except)
            throw ConflictError("The hotkey " + normal + " is already used by the class \"" + owner->name + "\".");
        return normal;
    }

    // An item whose file is (again) present: unreadable if its file is, otherwise what its
    // current submission says (labeled, skipped) or unlabeled.
    ItemStatus presentStatus(const Item& item, int epoch)
    {
        if (!item.unreadableWhy.empty())
            return ItemStatus::Unreadable;
        switch (submissions.currentState(item.id, epoch)) {
        case store::SubmissionTable::CurrentState::Labeled:
            return ItemStatus::Labeled;
        case store::SubmissionTable::CurrentState::Skipped:
            return ItemStatus::Skipped;
        case store::SubmissionTable::CurrentState::None:
            break;
        }
        return ItemStatus::Unlabeled;
    }

    // Classes from outside (manifests, imports), in the caller's transaction: one
    // submission per item holding all its tags (the latest submission is the current
    // label, so one per tag would keep only the last class), or one suggestion per tag.
    void applyTags(const std::vector<ImportedTag>& tags, bool asFinalLabels, std::int64_t now)
    {
        const int epoch = project.read().labelEpoch;
        const LabelerId importer = labelers.ensure(kImportLabelerName, "labeler", now);
        std::map<ItemId, std::vector<Annotation>> byItem;
        for (const ImportedTag& tag : tags)
            byItem[tag.itemId].push_back(Annotation{tag.classId, AnnotationKind::Tag, "", {}});
        for (const auto& [itemId, annotations] : byItem) {
            if (asFinalLabels) {
                SubmissionRequest request{itemId, importer, 0, SubmissionOrigin::Imported, {}, false, annotations};
                submissions.insert(request, epoch, now);
                items.setStatus(itemId, ItemStatus::Labeled);
            } else {
                for (const Annotation& annotation : annotations)
                    suggestions.insert(itemId, annotation, "imported", now);
            }
        }
        logEdit("tags-imported", Json{{"count", tags.size()}, {"final", asFinalLabels}}, now, std::nullopt);
    }

    struct Recorded {
        SubmissionId id = 0;
        bool vote = false; ///< recorded as a consensus vote (the caller evaluates consensus)
    };
    /// Appends a checked submission (in the caller's transaction): as a consensus vote
    /// when the project asks several labelers, otherwise as the item's label or skip.
    Recorded recordSubmission(const SubmissionRequest& request, const Item& target, const Labeler& submitter,
                              const ProjectInfo& projectInfo, const QualitySettings& quality, std::int64_t submittedAt,
                              std::int64_t now);

    /// Computes the item's consensus from its votes once enough labelers answered (in
    /// the caller's transaction): agreed gives the item its label, disagreement asks one
    /// more labeler up to the maximum, then the item goes to review. Returns the state.
    store::ConsensusState evaluateConsensus(ItemId item, TaskType taskType, int epoch, const QualitySettings& quality,
                                            std::int64_t now);

    std::optional<std::string> firstFreeHotkey()
    {
        for (const auto& key : automaticClassHotkeys())
            if (!classes.findByHotkey(key))
                return key;
        return std::nullopt;
    }
};

} // namespace pixmark
