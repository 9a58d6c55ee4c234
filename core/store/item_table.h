#pragma once
// SQL for items (registered images).

#include "core/model/labeling.h"

#include <map>
#include <vector>

namespace pixmark::sqlite {
class Database;
}

namespace pixmark::store {

/// Item rows. Holds a reference to the caller's Database.
class ItemTable {
public:
    explicit ItemTable(sqlite::Database& db) : mDb(db) {}

    /// Inserts items in the caller's transaction; assigns and returns their ids. Items
    /// with unreadableWhy set get the status unreadable. A path already present is
    /// skipped (its id is returned as 0).
    std::vector<ItemId> insert(const std::vector<Item>& items, std::int64_t now);
    std::optional<Item> find(ItemId id);
    /// Every item's id, stored path, width and height (what matching imported images needs).
    std::vector<Item> paths();
    /// The items with these ids, in this order (unknown ids left out); one statement.
    std::vector<Item> findAll(const std::vector<ItemId>& ids);
    /// Items with the given status (all when nullopt), in shuffle order.
    std::vector<Item> list(std::optional<ItemStatus> status, std::int64_t limit, std::int64_t offset);
    std::map<ItemStatus, std::int64_t> countByStatus();
    /// Items registered from each source (sources without items are absent).
    std::map<SourceId, std::int64_t> countBySource();
    void setStatus(ItemId id, ItemStatus status);
    void setUnreadable(ItemId id, const std::string& reason);
    /// Rewrites what registration learned about an item's file (path, source, size,
    /// time, format, dimensions, hash, readability); status and labels are untouched.
    void updateFacts(ItemId id, const Item& facts);
    std::optional<ItemId> findByPath(const std::string& relativePath);
    /// Items whose content hash equals hash (identical files under other paths).
    std::vector<ItemId> idsWithContentHash(const std::string& hash);
    /// Every item registered from the source, for a refresh to compare with the disk.
    std::vector<ItemFileState> fileStatesOfSource(SourceId source);
    /// Sets every labeled or skipped item back to unlabeled.
    void resetLabeledToUnlabeled();

private:
    sqlite::Database& mDb;
};

} // namespace pixmark::store
