#include "core/project/project.h"

#include "core/errors.h"
#include "core/model/keymap.h"
#include "core/project/naming_rules.h"
#include "core/store/class_table.h"
#include "core/store/item_table.h"
#include "core/store/labeling_tables.h"
#include "core/store/migrations.h"
#include "core/store/project_file.h"
#include "core/store/project_lock.h"
#include "core/store/project_table.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"
#include "core/util/uuid.h"

#include <nlohmann/json.hpp>

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace pixmark {

using Json = nlohmann::json;

struct Project::Impl {
    Impl(std::filesystem::path projectFile, std::optional<store::ProjectLock> projectLock, sqlite::Database database)
        : file(std::move(projectFile)), lock(std::move(projectLock)), db(std::move(database)), project(db),
          classes(db), items(db), labelers(db), submissions(db), suggestions(db), events(db)
    {
    }

    std::filesystem::path file;
    // Declared before db: the lock outlives the connection, so no one else can open the
    // file for writing until our connection has checkpointed and closed.
    std::optional<store::ProjectLock> lock;
    sqlite::Database db;
    store::ProjectTable project;
    store::ClassTable classes;
    store::ItemTable items;
    store::LabelerTable labelers;
    store::SubmissionTable submissions;
    store::SuggestionTable suggestions;
    store::EventLog events;
    std::optional<LabelerId> currentLabeler;

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

    std::optional<std::string> firstFreeHotkey()
    {
        for (const auto& key : automaticClassHotkeys())
            if (!classes.findByHotkey(key))
                return key;
        return std::nullopt;
    }
};

namespace {

std::string loginName()
{
    if (const char* user = std::getenv("USER"); user && *user)
        return user;
    if (const passwd* entry = getpwuid(getuid()); entry && entry->pw_name)
        return entry->pw_name;
    return "labeler";
}

void createCacheFolder(const std::filesystem::path& projectFile)
{
    std::error_code error;
    std::filesystem::create_directories(cacheFolderFor(projectFile), error);
    if (error)
        throw ProjectFileError("Cannot create the cache folder " + cacheFolderFor(projectFile).string() + ": " +
                               error.message());
}

} // namespace

std::filesystem::path cacheFolderFor(const std::filesystem::path& projectFile)
{
    std::filesystem::path folder = projectFile;
    folder.replace_extension(".cache");
    return folder;
}

Project::Project(std::unique_ptr<Impl> impl) : mImpl(std::move(impl)) {}
Project::~Project() = default;

namespace {

ProjectInfo newProjectInfo(const std::string& validName, TaskType taskType)
{
    const auto now = nowMs();
    ProjectInfo info;
    info.uuid = makeUuid();
    info.name = validName;
    info.taskType = taskType;
    info.dataRoot = ".";
    info.createdAt = now;
    info.modifiedAt = now;
    return info;
}

} // namespace

void Project::createAtSchemaVersion(const std::filesystem::path& file, const std::string& name, TaskType taskType,
                                    int schemaVersion)
{
    const std::string validName = validateProjectName(name);
    auto lock = store::ProjectLock::acquire(file);
    auto db = store::createProjectDatabase(file, schemaVersion);
    store::ProjectTable(db).insert(newProjectInfo(validName, taskType));
}

std::unique_ptr<Project> Project::create(const std::filesystem::path& file, const std::string& name,
                                         TaskType taskType)
{
    const std::string validName = validateProjectName(name);
    auto lock = store::ProjectLock::acquire(file);
    auto db = store::createProjectDatabase(file, store::kSchemaVersion);
    auto impl = std::make_unique<Impl>(file, std::move(lock), std::move(db));
    const ProjectInfo info = newProjectInfo(validName, taskType);
    sqlite::Transaction transaction(impl->db);
    impl->project.insert(info);
    impl->events.append("project-created", Json{{"name", validName}, {"task_type", toId(taskType)}}.dump(),
                        std::nullopt, info.createdAt);
    transaction.commit();
    createCacheFolder(file);
    return std::unique_ptr<Project>(new Project(std::move(impl)));
}

std::unique_ptr<Project> Project::open(const std::filesystem::path& file, Access access)
{
    const bool readOnly = access == Access::ReadOnly;
    std::optional<store::ProjectLock> lock;
    if (!readOnly) {
        // Check the file before creating a lock file beside something that is not ours.
        if (!std::filesystem::exists(file))
            throw ProjectFileError("No project at \"" + file.string() + "\": the file does not exist.");
        lock.emplace(store::ProjectLock::acquire(file));
    }
    auto db = store::openProjectDatabase(file, readOnly);
    auto impl = std::make_unique<Impl>(file, std::move(lock), std::move(db));
    impl->project.read(); // refuses a file without its project row
    if (!readOnly) {
        if (impl->lock->tookOverFrom())
            impl->events.append("stale-lock-taken-over", Json{{"previous_owner", *impl->lock->tookOverFrom()}}.dump(),
                                std::nullopt, nowMs());
        createCacheFolder(file);
    }
    return std::unique_ptr<Project>(new Project(std::move(impl)));
}

const std::filesystem::path& Project::file() const
{
    return mImpl->file;
}

std::filesystem::path Project::cacheFolder() const
{
    return cacheFolderFor(mImpl->file);
}

bool Project::isReadOnly() const
{
    return mImpl->db.isReadOnly();
}

std::optional<std::string> Project::tookOverStaleLockFrom() const
{
    return mImpl->lock ? mImpl->lock->tookOverFrom() : std::nullopt;
}

ProjectInfo Project::info()
{
    return mImpl->project.read();
}

void Project::setState(ProjectState state)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->project.setState(state, now);
    mImpl->logEdit("state-changed", Json{{"state", toId(state)}}, now, currentLabeler());
    transaction.commit();
}

void Project::setInstructions(const std::string& text, const std::string& url)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->project.setInstructions(text, url, now);
    mImpl->logEdit("instructions-changed", Json{{"length", text.size()}, {"url", url}}, now, currentLabeler());
    transaction.commit();
}

std::vector<LabelClass> Project::classes()
{
    return mImpl->classes.list();
}

LabelClass Project::labelClass(ClassId id)
{
    return mImpl->requireClass(id);
}

LabelClass Project::classNamed(const std::string& name)
{
    auto found = mImpl->classes.findByName(name);
    if (!found)
        throw NotFoundError("There is no class named \"" + name + "\" in this project.");
    return *found;
}

bool Project::hasLabels()
{
    return !mImpl->submissions.currentLabels(info().labelEpoch).empty();
}

std::vector<ClassId> Project::addClasses(const std::vector<NewClass>& newClasses, std::optional<LabelResetMode> mode)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    const LabelerId who = currentLabeler();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = info().labelEpoch;
    const auto existingLabels = mImpl->submissions.currentLabels(epoch);
    if (!existingLabels.empty() && !mode)
        throw ConflictError("This project already has " + std::to_string(existingLabels.size()) +
                            " labeled items. Choose what happens to their labels: start over, start over keeping "
                            "them as suggestions, or continue keeping them.");

    std::vector<ClassId> ids;
    for (const NewClass& newClass : newClasses) {
        LabelClass labelClass;
        labelClass.name = validateClassName(newClass.name);
        mImpl->requireUniqueName(labelClass.name, std::nullopt);
        const int position = mImpl->classes.nextPosition();
        labelClass.color = newClass.color ? normalizeColor(*newClass.color)
                                          : paletteColor(static_cast<std::size_t>(position));
        if (newClass.hotkey)
            labelClass.hotkey = mImpl->checkedHotkey(*newClass.hotkey, std::nullopt);
        else if (!newClass.noHotkey)
            labelClass.hotkey = mImpl->firstFreeHotkey();
        labelClass.position = position;
        labelClass.description = newClass.description;
        ids.push_back(mImpl->classes.insert(labelClass, now));
        mImpl->logEdit("class-added", Json{{"id", ids.back()}, {"name", labelClass.name}}, now, who);
    }

    if (!existingLabels.empty() && mode != LabelResetMode::Continue) {
        // History stays: a new epoch simply stops older submissions from counting.
        mImpl->project.setLabelEpoch(epoch + 1, now);
        mImpl->items.resetLabeledToUnlabeled();
        if (mode == LabelResetMode::StartOverKeepSuggestions)
            for (const auto& [itemId, annotations] : existingLabels)
                for (const Annotation& annotation : annotations)
                    mImpl->suggestions.insert(itemId, annotation, "previous-label", now);
        mImpl->logEdit("labels-reset",
                       Json{{"epoch", epoch + 1},
                            {"items", existingLabels.size()},
                            {"kept_as_suggestions", mode == LabelResetMode::StartOverKeepSuggestions}},
                       now, who);
    }
    transaction.commit();
    return ids;
}

ClassId Project::addClass(const NewClass& newClass, std::optional<LabelResetMode> mode)
{
    return addClasses({newClass}, mode).front();
}

void Project::renameClass(ClassId id, const std::string& name)
{
    mImpl->requireWritable();
    const std::string valid = validateClassName(name);
    sqlite::Transaction transaction(mImpl->db);
    const LabelClass before = mImpl->requireClass(id);
    mImpl->requireUniqueName(valid, id);
    mImpl->classes.setName(id, valid);
    mImpl->logEdit("class-renamed", Json{{"id", id}, {"from", before.name}, {"to", valid}}, nowMs(),
                   currentLabeler());
    transaction.commit();
}

void Project::recolorClass(ClassId id, const std::string& color)
{
    mImpl->requireWritable();
    const std::string valid = normalizeColor(color);
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setColor(id, valid);
    mImpl->logEdit("class-recolored", Json{{"id", id}, {"color", valid}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::setClassHotkey(ClassId id, const std::optional<std::string>& hotkey)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    const LabelClass labelClass = mImpl->requireClass(id);
    std::optional<std::string> normal;
    if (hotkey) {
        if (labelClass.archived)
            throw ConflictError("The class \"" + labelClass.name + "\" is archived; unarchive it to give it a hotkey.");
        normal = mImpl->checkedHotkey(*hotkey, id);
    }
    mImpl->classes.setHotkey(id, normal);
    mImpl->logEdit("class-hotkey-changed", Json{{"id", id}, {"hotkey", normal ? Json(*normal) : Json()}}, nowMs(),
                   currentLabeler());
    transaction.commit();
}

void Project::setClassDescription(ClassId id, const std::string& description)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setDescription(id, description);
    mImpl->logEdit("class-described", Json{{"id", id}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::archiveClass(ClassId id, bool archived)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->requireClass(id);
    mImpl->classes.setArchived(id, archived);
    if (archived)
        mImpl->classes.setHotkey(id, std::nullopt);
    mImpl->logEdit(archived ? "class-archived" : "class-unarchived", Json{{"id", id}}, nowMs(), currentLabeler());
    transaction.commit();
}

void Project::moveClass(ClassId id, int newIndex)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    auto all = mImpl->classes.list();
    auto it = std::find_if(all.begin(), all.end(), [id](const LabelClass& c) { return c.id == id; });
    if (it == all.end())
        throw NotFoundError("There is no class with id " + std::to_string(id) + " in this project.");
    if (newIndex < 0 || newIndex >= static_cast<int>(all.size()))
        throw ValidationError("Position " + std::to_string(newIndex + 1) + " is outside 1.." +
                              std::to_string(all.size()) + ".");
    const LabelClass moved = *it;
    all.erase(it);
    all.insert(all.begin() + newIndex, moved);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].position != static_cast<int>(i))
            mImpl->classes.setPosition(all[i].id, static_cast<int>(i));
    mImpl->logEdit("class-moved", Json{{"id", id}, {"index", newIndex}}, nowMs(), currentLabeler());
    transaction.commit();
}

LabelerId Project::currentLabeler()
{
    if (!mImpl->currentLabeler) {
        mImpl->requireWritable();
        mImpl->currentLabeler = mImpl->labelers.ensure(loginName(), "lead", nowMs());
    }
    return *mImpl->currentLabeler;
}

std::vector<Labeler> Project::labelers()
{
    return mImpl->labelers.list();
}

std::vector<ItemId> Project::addItems(const std::vector<Item>& newItems)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    auto ids = mImpl->items.insert(newItems, nowMs());
    transaction.commit();
    return ids;
}

Item Project::item(ItemId id)
{
    auto found = mImpl->items.find(id);
    if (!found)
        throw NotFoundError("There is no item with id " + std::to_string(id) + " in this project.");
    return *found;
}

std::vector<Item> Project::items(std::optional<ItemStatus> status, std::int64_t limit, std::int64_t offset)
{
    return mImpl->items.list(status, limit, offset);
}

std::map<ItemStatus, std::int64_t> Project::itemCounts()
{
    return mImpl->items.countByStatus();
}

SubmissionId Project::submit(const SubmissionRequest& request)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    const ProjectInfo projectInfo = info();
    if (projectInfo.state == ProjectState::Paused)
        throw ConflictError("The project is paused; submissions are accepted again when the lead resumes it.");
    const Item target = item(request.itemId);
    if (!mImpl->labelers.find(request.labelerId))
        throw NotFoundError("There is no labeler with id " + std::to_string(request.labelerId) + ".");
    for (const Annotation& annotation : request.annotations) {
        const LabelClass labelClass = mImpl->requireClass(annotation.classId);
        if (labelClass.archived)
            throw ConflictError("The class \"" + labelClass.name + "\" is archived and takes no new labels.");
    }
    const auto id = mImpl->submissions.insert(request, projectInfo.labelEpoch, nowMs());
    mImpl->items.setStatus(target.id, request.skipped ? ItemStatus::Skipped : ItemStatus::Labeled);
    transaction.commit();
    return id;
}

std::vector<Annotation> Project::currentAnnotations(ItemId itemId)
{
    return mImpl->submissions.currentAnnotations(itemId, info().labelEpoch);
}

std::vector<Suggestion> Project::suggestions(ItemId itemId)
{
    return mImpl->suggestions.forItem(itemId);
}

std::int64_t Project::submissionCount()
{
    return mImpl->submissions.count();
}

std::vector<std::pair<std::string, std::string>> Project::recentEvents(int limit)
{
    return mImpl->events.latest(limit);
}

} // namespace pixmark
