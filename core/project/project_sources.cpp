#include "core/project/naming_rules.h"
#include "core/project/project_impl_p.h"
#include "core/store/sqlite/transaction.h"
#include "core/util/clock.h"

#include <map>

namespace pixmark {

std::filesystem::path Project::dataRoot() const
{
    if (!mImpl->dataRoot) {
        const auto root = std::filesystem::path(mImpl->project.read().dataRoot);
        const auto base = std::filesystem::absolute(mImpl->file).parent_path();
        mImpl->dataRoot = (root.is_absolute() ? root : base / root).lexically_normal();
    }
    return *mImpl->dataRoot;
}

std::string Project::storedPathFor(const std::filesystem::path& file) const
{
    const auto absolute = std::filesystem::absolute(file).lexically_normal();
    const auto relative = absolute.lexically_relative(dataRoot());
    return relative.empty() ? absolute.generic_string() : relative.generic_string();
}

std::filesystem::path Project::absolutePath(const std::string& storedPath) const
{
    const std::filesystem::path path(storedPath);
    return path.is_absolute() ? path : (dataRoot() / path).lexically_normal();
}

std::filesystem::path Project::managedDataFolder() const
{
    std::filesystem::path folder = mImpl->file;
    folder.replace_extension(".data");
    return std::filesystem::absolute(folder);
}

SourceId Project::addSource(const DataSource& newSource)
{
    mImpl->requireWritable();
    requireLead("add data sources");
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    const SourceId id = mImpl->sources.insert(newSource, now);
    mImpl->logEdit("source-added", Json{{"id", id}, {"kind", toId(newSource.kind)}, {"root", newSource.root}}, now,
                   currentLabeler());
    transaction.commit();
    return id;
}

std::map<SourceId, std::int64_t> Project::itemCountsBySource()
{
    return mImpl->items.countBySource();
}

std::vector<DataSource> Project::sources()
{
    return mImpl->sources.list();
}

DataSource Project::source(SourceId id)
{
    auto found = mImpl->sources.find(id);
    if (!found)
        throw NotFoundError("There is no data source with id " + std::to_string(id) + " in this project.");
    return *found;
}

void Project::markSourceRefreshed(SourceId id, Timestamp at)
{
    mImpl->requireWritable();
    mImpl->sources.setLastRefresh(id, at);
}

void Project::setSourceRefresh(SourceId id, bool incremental, int intervalSeconds)
{
    mImpl->requireWritable();
    requireLead("change how sources refresh");
    if (intervalSeconds < 0)
        throw ValidationError("The refresh interval cannot be negative.");
    sqlite::Transaction transaction(mImpl->db);
    source(id);
    mImpl->sources.setRefresh(id, incremental, intervalSeconds);
    mImpl->logEdit("source-refresh-changed",
                   Json{{"id", id}, {"incremental", incremental}, {"interval_s", intervalSeconds}}, nowMs(),
                   currentLabeler());
    transaction.commit();
}

std::optional<ItemId> Project::itemAtPath(const std::string& storedPath)
{
    return mImpl->items.findByPath(storedPath);
}

std::vector<ItemId> Project::itemsWithContentHash(const std::string& hash)
{
    return mImpl->items.idsWithContentHash(hash);
}

std::vector<ItemFileState> Project::itemFilesOfSource(SourceId id)
{
    return mImpl->items.fileStatesOfSource(id);
}

void Project::markItemsMissing(const std::vector<ItemId>& ids)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    for (ItemId id : ids)
        mImpl->items.setStatus(id, ItemStatus::Missing);
    transaction.commit();
}

void Project::markItemsFound(const std::vector<ItemId>& ids)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = mImpl->project.read().labelEpoch;
    for (ItemId id : ids)
        if (const auto item = mImpl->items.find(id))
            mImpl->items.setStatus(id, mImpl->presentStatus(*item, epoch));
    transaction.commit();
}

void Project::updateItemFiles(const std::vector<Item>& items)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    const int epoch = mImpl->project.read().labelEpoch;
    for (const Item& facts : items) {
        mImpl->items.updateFacts(facts.id, facts);
        if (const auto item = mImpl->items.find(facts.id))
            mImpl->items.setStatus(facts.id, mImpl->presentStatus(*item, epoch));
    }
    transaction.commit();
}

void Project::markItemsUnreadable(const std::vector<std::pair<ItemId, std::string>>& reasons)
{
    mImpl->requireWritable();
    sqlite::Transaction transaction(mImpl->db);
    for (const auto& [id, reason] : reasons)
        mImpl->items.setUnreadable(id, reason);
    transaction.commit();
}

void Project::importTags(const std::vector<ImportedTag>& tags, bool asFinalLabels)
{
    mImpl->requireWritable();
    const auto now = nowMs();
    sqlite::Transaction transaction(mImpl->db);
    mImpl->applyTags(tags, asFinalLabels, now);
    transaction.commit();
}

} // namespace pixmark
