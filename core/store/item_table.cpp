#include "core/store/item_table.h"

#include "core/store/sqlite/database.h"

namespace pixmark::store {

std::vector<ItemId> ItemTable::insert(const std::vector<Item>& items, std::int64_t now)
{
    auto statement = mDb.prepare(
        "INSERT OR IGNORE INTO items (relative_path, format, bytes, mtime, width, height, frames, status, shuffle_key, "
        "source_id, content_hash, readable, unreadable_why, orientation, bits_per_sample, channels, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<ItemId> ids;
    ids.reserve(items.size());
    for (const Item& item : items) {
        const bool readable = item.unreadableWhy.empty();
        const std::optional<std::string> hash =
            item.contentHash.empty() ? std::nullopt : std::optional<std::string>(item.contentHash);
        statement
            .bindAll(item.relativePath, item.format, item.bytes, item.mtime, item.width, item.height, item.frames,
                     toId(readable ? item.status : ItemStatus::Unreadable), item.shuffleKey, item.sourceId, hash,
                     readable ? 1 : 0, item.unreadableWhy, item.orientation, item.bitsPerSample, item.channels, now)
            .run();
        ids.push_back(mDb.changes() > 0 ? mDb.lastInsertRowId() : 0);
    }
    return ids;
}

namespace {
constexpr const char* kItemColumns =
    "SELECT id, relative_path, format, bytes, mtime, width, height, frames, status, "
    "shuffle_key, source_id, content_hash, unreadable_why, orientation, bits_per_sample, "
    "channels FROM items ";

Item readItem(const sqlite::Statement& row)
{
    Item item;
    item.id = row.integer(0);
    item.relativePath = row.text(1);
    item.format = row.text(2);
    item.bytes = row.integer(3);
    item.mtime = row.integer(4);
    item.width = static_cast<int>(row.integer(5));
    item.height = static_cast<int>(row.integer(6));
    item.frames = static_cast<int>(row.integer(7));
    item.status = parseItemStatus(row.text(8)).value_or(ItemStatus::Unlabeled);
    item.shuffleKey = row.integer(9);
    item.sourceId = row.optionalInteger(10);
    item.contentHash = row.optionalText(11).value_or("");
    item.unreadableWhy = row.text(12);
    item.orientation = static_cast<int>(row.integer(13));
    item.bitsPerSample = static_cast<int>(row.integer(14));
    item.channels = static_cast<int>(row.integer(15));
    return item;
}
} // namespace

std::vector<Item> ItemTable::paths()
{
    auto row = mDb.prepare("SELECT id, relative_path, width, height FROM items ORDER BY id");
    std::vector<Item> items;
    while (row.step()) {
        Item item;
        item.id = row.integer(0);
        item.relativePath = row.text(1);
        item.width = static_cast<int>(row.integer(2));
        item.height = static_cast<int>(row.integer(3));
        items.push_back(std::move(item));
    }
    return items;
}

std::vector<Item> ItemTable::findAll(const std::vector<ItemId>& ids)
{
    auto row = mDb.prepare(std::string(kItemColumns) + "WHERE id = ?");
    std::vector<Item> found;
    found.reserve(ids.size());
    for (ItemId id : ids) {
        row.reset();
        row.bind(1, id);
        if (row.step())
            found.push_back(readItem(row));
    }
    return found;
}

std::optional<Item> ItemTable::find(ItemId id)
{
    auto row = mDb.prepare(std::string(kItemColumns) + "WHERE id = ?");
    row.bind(1, id);
    if (!row.step())
        return std::nullopt;
    return readItem(row);
}

std::vector<Item> ItemTable::list(std::optional<ItemStatus> status, std::int64_t limit, std::int64_t offset)
{
    // Two statements rather than "?1 IS NULL OR status = ?1", which keeps SQLite from
    // walking the (status, shuffle_key) index and costs a full scan on large projects.
    auto row = mDb.prepare(std::string(kItemColumns) + (status ? "WHERE status = ?3 " : "") +
                           "ORDER BY shuffle_key, id LIMIT ?1 OFFSET ?2");
    row.bind(1, limit).bind(2, offset);
    if (status)
        row.bind(3, toId(*status));
    std::vector<Item> items;
    while (row.step())
        items.push_back(readItem(row));
    return items;
}

std::map<SourceId, std::int64_t> ItemTable::countBySource()
{
    auto row = mDb.prepare("SELECT source_id, count(*) FROM items WHERE source_id IS NOT NULL GROUP BY source_id");
    std::map<SourceId, std::int64_t> counts;
    while (row.step())
        counts[row.integer(0)] = row.integer(1);
    return counts;
}

std::map<ItemStatus, std::int64_t> ItemTable::countByStatus()
{
    std::map<ItemStatus, std::int64_t> counts;
    auto row = mDb.prepare("SELECT status, count(*) FROM items GROUP BY status");
    while (row.step())
        if (auto status = parseItemStatus(row.text(0)))
            counts[*status] = row.integer(1);
    return counts;
}

void ItemTable::setStatus(ItemId id, ItemStatus status)
{
    mDb.prepare("UPDATE items SET status = ? WHERE id = ?").bindAll(toId(status), id).run();
}

std::optional<ItemId> ItemTable::findByPath(const std::string& relativePath)
{
    auto row = mDb.prepare("SELECT id FROM items WHERE relative_path = ?");
    row.bind(1, relativePath);
    if (!row.step())
        return std::nullopt;
    return row.integer(0);
}

std::vector<ItemId> ItemTable::idsWithContentHash(const std::string& hash)
{
    auto row = mDb.prepare("SELECT id FROM items WHERE content_hash = ? ORDER BY id");
    row.bind(1, hash);
    std::vector<ItemId> ids;
    while (row.step())
        ids.push_back(row.integer(0));
    return ids;
}

std::vector<ItemFileState> ItemTable::fileStatesOfSource(SourceId source)
{
    auto row = mDb.prepare("SELECT id, relative_path, status, bytes, mtime FROM items WHERE source_id = ? ORDER BY id");
    row.bind(1, source);
    std::vector<ItemFileState> states;
    while (row.step())
        states.push_back(ItemFileState{row.integer(0), row.text(1),
                                       parseItemStatus(row.text(2)).value_or(ItemStatus::Unlabeled), row.integer(3),
                                       row.integer(4)});
    return states;
}

void ItemTable::setUnreadable(ItemId id, const std::string& reason)
{
    // A labeled or skipped item keeps its status (its labels still count); an unlabeled
    // one leaves the queue.
    mDb.prepare("UPDATE items SET status = CASE WHEN status = 'unlabeled' THEN 'unreadable' ELSE status END, "
                "readable = 0, unreadable_why = ? WHERE id = ?")
        .bindAll(reason, id)
        .run();
}

void ItemTable::updateFacts(ItemId id, const Item& facts)
{
    const std::optional<std::string> hash =
        facts.contentHash.empty() ? std::nullopt : std::optional<std::string>(facts.contentHash);
    mDb.prepare("UPDATE items SET relative_path = ?, source_id = ?, format = ?, bytes = ?, mtime = ?, width = ?, "
                "height = ?, frames = ?, orientation = ?, bits_per_sample = ?, channels = ?, content_hash = ?, "
                "readable = ?, unreadable_why = ? WHERE id = ?")
        .bindAll(facts.relativePath, facts.sourceId, facts.format, facts.bytes, facts.mtime, facts.width, facts.height,
                 facts.frames, facts.orientation, facts.bitsPerSample, facts.channels, hash,
                 facts.unreadableWhy.empty() ? 1 : 0, facts.unreadableWhy, id)
        .run();
}

void ItemTable::resetLabeledToUnlabeled()
{
    mDb.exec("UPDATE items SET status = 'unlabeled' WHERE status IN ('labeled', 'skipped')");
}

} // namespace pixmark::store
