#include "core/project/project.h"

#include "core/project/naming_rules.h"
#include "core/project/project_impl_p.h"
#include "core/store/migrations.h"
#include "core/store/project_file.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"
#include "core/util/uuid.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace pixmark {

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
Project::~Project()
{
    // Only the lock's owner releases what labelers hold; a worker connection has no lock.
    if (!mImpl || mImpl->db.isReadOnly() || !mImpl->lock)
        return;
    // Items still held go back to the queue. A destructor cannot report a failure, and
    // nothing is lost if this fails: the next open releases them too.
    try {
        mImpl->tasks.releaseAll(std::nullopt, nowMs());
    } catch (const std::exception&) {
    }
}

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

std::unique_ptr<Project> Project::create(const std::filesystem::path& requestedFile, const std::string& name,
                                         TaskType taskType)
{
    const std::string validName = validateProjectName(name);
    const auto file = std::filesystem::weakly_canonical(std::filesystem::absolute(requestedFile));
    auto lock = store::ProjectLock::acquire(file);
    auto db = store::createProjectDatabase(file, store::kSchemaVersion);
    try {
        auto impl = std::make_unique<Impl>(file, std::move(lock), std::move(db));
        const ProjectInfo info = newProjectInfo(validName, taskType);
        sqlite::Transaction transaction(impl->db);
        impl->project.insert(info);
        impl->events.append("project-created", Json{{"name", validName}, {"task_type", toId(taskType)}}.dump(),
                            std::nullopt, info.createdAt);
        transaction.commit();
        createCacheFolder(file);
        return std::unique_ptr<Project>(new Project(std::move(impl)));
    } catch (...) {
        // A project without its project row can be neither opened nor created again:
        // remove the half-made file so that a retry works.
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(file.string() + suffix, ignored);
        throw;
    }
}

std::unique_ptr<Project> Project::open(const std::filesystem::path& requestedFile, Access access)
{
    const bool readOnly = access == Access::ReadOnly;
    // The lock and the cache folder belong to the file, not to the name it was opened by:
    // a second writer arriving through a symbolic link must meet the same lock.
    std::error_code error;
    auto file = std::filesystem::canonical(requestedFile, error);
    if (error)
        file = requestedFile;
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
        // This process holds the lock, so checkouts still open belong to a session that ended.
        impl->tasks.releaseAll(std::nullopt, nowMs());
        // Likewise runs left running: their program ended before they did.
        impl->runs.markInterrupted(nowMs());
    }
    return std::unique_ptr<Project>(new Project(std::move(impl)));
}

std::unique_ptr<Project> Project::openWorkerConnection() const
{
    if (isReadOnly())
        throw ProjectFileError("This project is open read-only; a worker cannot write to it.");
    auto impl = std::make_unique<Impl>(mImpl->file, std::nullopt, store::openProjectDatabase(mImpl->file, false));
    impl->project.read();
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

std::optional<PackageInfo> Project::packageInfo()
{
    return mImpl->packageInfo();
}

std::string Project::setting(const std::string& key)
{
    const auto settings = Json::parse(mImpl->project.settings(), nullptr, false);
    if (!settings.is_object() || !settings.contains(key))
        return "null";
    return settings[key].dump();
}

void Project::setSetting(const std::string& key, const std::string& jsonValue)
{
    mImpl->requireWritable();
    auto value = Json::parse(jsonValue, nullptr, false);
    if (value.is_discarded())
        throw ValidationError("The value of the setting \"" + key + "\" is not valid JSON.");
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    auto settings = Json::parse(mImpl->project.settings(), nullptr, false);
    if (!settings.is_object())
        settings = Json::object();
    settings[key] = value;
    mImpl->project.setSettings(settings.dump(), now);
    mImpl->logEdit("setting-changed", Json{{"key", key}, {"value", value}}, now, currentLabeler());
    transaction.commit();
}

void Project::rename(const std::string& name)
{
    mImpl->requireWritable();
    requireLead("rename the project");
    const std::string validName = validateProjectName(name);
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const std::string previous = mImpl->project.read().name;
    mImpl->project.setName(validName, now);
    mImpl->logEdit("project-renamed", Json{{"from", previous}, {"to", validName}}, now, currentLabeler());
    transaction.commit();
}

void Project::setState(ProjectState state)
{
    mImpl->requireWritable();
    requireLead("pause or resume the project");
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->project.setState(state, now);
    mImpl->logEdit("state-changed", Json{{"state", toId(state)}}, now, currentLabeler());
    transaction.commit();
}

void Project::setInstructions(const std::string& text, const std::string& url)
{
    mImpl->requireWritable();
    requireLead("change the instructions");
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->project.setInstructions(text, url, now);
    mImpl->logEdit("instructions-changed", Json{{"length", text.size()}, {"url", url}}, now, currentLabeler());
    transaction.commit();
}

LabelerId Project::currentLabeler()
{
    if (!mImpl->currentLabeler) {
        mImpl->requireWritable();
        if (auto package = mImpl->packageInfo())
            mImpl->currentLabeler = mImpl->labelers.ensureIdentity(package->labeler, nowMs());
        else
            mImpl->currentLabeler = mImpl->labelers.ensure(loginName(), "lead", nowMs());
    }
    return *mImpl->currentLabeler;
}

std::vector<Labeler> Project::labelers()
{
    return mImpl->labelers.list();
}

void Project::logEvent(const std::string& kind, const std::string& payloadJson)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->logEdit(kind, Json::parse(payloadJson), now, currentLabeler());
    transaction.commit();
}

} // namespace pixmark
