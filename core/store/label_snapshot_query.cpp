#include "core/store/label_snapshot_query.h"

#include "core/store/annotation_row.h"
#include "core/store/sqlite/database.h"

namespace pixmark::store {

void forEachCurrentLabel(sqlite::Database& db, int epoch, bool reviewRequired, bool includeUnreviewed,
                         const std::function<void(const Item&, const std::vector<Annotation>&)>& visit)
{
    // Items are walked in id order (the unary + keeps SQLite off the status index): rows then
    // come out already ordered, with no sort of every annotation in a temporary B-tree, and
    // submissions and annotations are read in the order they were written.
    auto row = db.prepare(R"SQL(
        SELECT i.id, i.relative_path, i.width, i.height, i.format, a.class_id, a.kind, a.geometry, a.score
        FROM items i
        JOIN submissions s ON s.id = (SELECT max(l.id) FROM submissions l WHERE l.item_id = i.id AND l.epoch = ?1
                                      AND l.review_state != 'rejected' AND l.role IN ('label', 'consensus'))
        LEFT JOIN annotations a ON a.submission_id = s.id
        WHERE +i.status = 'labeled' AND s.skipped = 0 AND (?2 = 0 OR s.review_state = 'accepted')
        ORDER BY i.id, a.id)SQL");
    row.bindAll(epoch, reviewRequired && !includeUnreviewed ? 1 : 0);
    Item item;
    std::vector<Annotation> annotations;
    bool have = false;
    while (row.step()) {
        const ItemId id = row.integer(0);
        if (have && id != item.id) {
            visit(item, annotations);
            annotations.clear();
        }
        if (!have || id != item.id) {
            item = Item{};
            item.id = id;
            item.relativePath = row.text(1);
            item.width = static_cast<int>(row.integer(2));
            item.height = static_cast<int>(row.integer(3));
            item.format = row.text(4);
            item.status = ItemStatus::Labeled;
            have = true;
        }
        if (!row.isNull(5))
            annotations.push_back(readAnnotation(row, 5));
    }
    if (have)
        visit(item, annotations);
}

} // namespace pixmark::store
