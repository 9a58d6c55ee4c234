#include "core/store/label_import_table.h"

#include "core/store/sqlite/database.h"
#include "core/store/sqlite/statement.h"

namespace pixmark::store {

namespace {
// Shapes that become annotations: on a matched image, with a mapped class; for tag
// projects only the first shape of an image when oneTagPerImage.
std::string chosenShapes(bool oneTagPerImage)
{
    // The first shape of each image, numbered by a window over the shapes (one sort),
    // instead of a lookup per shape.
    const std::string shapes = oneTagPerImage
                                   ? "(SELECT * FROM (SELECT image_key, category, kind, geometry, score, rowid AS rowid, "
                                     "row_number() OVER (PARTITION BY image_key ORDER BY rowid) AS n FROM import_shapes) "
                                     "WHERE n = 1)"
                                   : "import_shapes";
    return "FROM " + shapes + " s JOIN import_images m ON m.key = s.image_key "
           "JOIN import_classes c ON c.name = s.category WHERE m.item_id IS NOT NULL";
}
} // namespace

LabelImportTable::LabelImportTable(sqlite::Database& db) : mDb(db)
{
    // A large import goes through these tables and the project's own: a page cache of
    // 256 MiB each keeps SQLite from re-reading and re-writing the same pages (memory
    // grows only as far as the import needs).
    mDb.exec("PRAGMA temp.cache_size = -262144; PRAGMA main.cache_size = -262144;");
    mDb.exec("DROP TABLE IF EXISTS temp.import_images; DROP TABLE IF EXISTS temp.import_shapes; "
             "DROP TABLE IF EXISTS temp.import_classes;"
             "CREATE TEMP TABLE import_images (key INTEGER PRIMARY KEY, reference TEXT NOT NULL, width INTEGER, "
             "height INTEGER, item_id INTEGER, submission_id INTEGER);"
             "CREATE TEMP TABLE import_shapes (image_key INTEGER NOT NULL, category TEXT NOT NULL, kind TEXT NOT NULL, "
             "geometry TEXT, score REAL);"
             "CREATE TEMP TABLE import_classes (name TEXT PRIMARY KEY, class_id INTEGER NOT NULL);");
    mImage = std::make_unique<sqlite::Statement>(
        mDb.prepare("INSERT OR REPLACE INTO import_images (key, reference, width, height) VALUES (?, ?, ?, ?)"));
    mShape = std::make_unique<sqlite::Statement>(
        mDb.prepare("INSERT INTO import_shapes (image_key, category, kind, geometry, score) VALUES (?, ?, ?, ?, ?)"));
    mSetItem = std::make_unique<sqlite::Statement>(mDb.prepare("UPDATE import_images SET item_id = ? WHERE key = ?"));
}

LabelImportTable::~LabelImportTable()
{
    mImage.reset();
    mShape.reset();
    mSetItem.reset();
    try {
        mDb.exec("DROP TABLE IF EXISTS temp.import_images; DROP TABLE IF EXISTS temp.import_shapes; "
                 "DROP TABLE IF EXISTS temp.import_classes;");
    } catch (const std::exception&) {
        // Temporary tables vanish with the connection anyway.
    }
}

void LabelImportTable::addImage(std::int64_t key, const std::string& reference, int width, int height)
{
    mImage->bindAll(key, reference, width, height).run();
    mImageKeys.insert(key);
}

void LabelImportTable::addShape(std::int64_t imageKey, const std::string& category, AnnotationKind kind,
                                const std::string& geometry, std::optional<double> score)
{
    const std::optional<std::string> stored = geometry.empty() ? std::nullopt : std::optional<std::string>(geometry);
    mShape->bindAll(imageKey, category, toId(kind), stored, score).run();
    ++mCategories[category];
    ++mKinds[kind];
    ++mShapesByImage[imageKey];
    ++mShapes;
}

std::vector<ImportedImageRow> LabelImportTable::images()
{
    auto row = mDb.prepare("SELECT key, reference, coalesce(width, 0), coalesce(height, 0) FROM import_images ORDER BY key");
    std::vector<ImportedImageRow> rows;
    while (row.step())
        rows.push_back(ImportedImageRow{row.integer(0), row.text(1), static_cast<int>(row.integer(2)),
                                        static_cast<int>(row.integer(3))});
    return rows;
}

std::int64_t LabelImportTable::shapesWithoutImage() const
{
    std::int64_t orphans = 0;
    for (const auto& [key, count] : mShapesByImage)
        if (!mImageKeys.count(key))
            orphans += count;
    return orphans;
}

void LabelImportTable::setItem(std::int64_t key, ItemId item)
{
    mSetItem->bindAll(item, key).run();
}

void LabelImportTable::setClass(const std::string& category, ClassId classId)
{
    mDb.prepare("INSERT OR REPLACE INTO import_classes (name, class_id) VALUES (?, ?)").bindAll(category, classId).run();
}

std::vector<std::tuple<std::int64_t, std::int64_t, AnnotationKind, std::string>> LabelImportTable::shapesToConvert(
    const std::vector<AnnotationKind>& keepKinds)
{
    std::string keep;
    for (AnnotationKind kind : keepKinds)
        keep += (keep.empty() ? "'" : ", '") + std::string(toId(kind)) + "'";
    auto row = mDb.prepare("SELECT s.rowid, s.image_key, s.kind, coalesce(s.geometry, '') FROM import_shapes s JOIN "
                           "import_images m ON m.key = s.image_key WHERE m.item_id IS NOT NULL AND s.kind NOT IN (" +
                           keep + ")");
    std::vector<std::tuple<std::int64_t, std::int64_t, AnnotationKind, std::string>> shapes;
    while (row.step())
        shapes.emplace_back(row.integer(0), row.integer(1),
                            parseAnnotationKind(row.text(2)).value_or(AnnotationKind::Tag), row.text(3));
    return shapes;
}

void LabelImportTable::replaceShape(std::int64_t rowId, AnnotationKind kind, const std::string& geometry)
{
    const std::optional<std::string> stored = geometry.empty() ? std::nullopt : std::optional<std::string>(geometry);
    mDb.prepare("UPDATE import_shapes SET kind = ?, geometry = ? WHERE rowid = ?")
        .bindAll(toId(kind), stored, rowId)
        .run();
}

std::pair<std::int64_t, std::int64_t> LabelImportTable::writeSubmissions(LabelerId labeler, int epoch,
                                                                         std::int64_t now, bool oneTagPerImage)
{
    // One submission per matched image that has shapes, in image order; then every
    // annotation in one statement.
    auto images = mDb.prepare("SELECT key, item_id FROM import_images WHERE item_id IS NOT NULL ORDER BY key");
    auto submit = mDb.prepare("INSERT INTO submissions (item_id, labeler_id, submitted_at, duration_ms, origin, "
                              "skipped, epoch, role) VALUES (?, ?, ?, 0, 'imported', 0, ?, 'label')");
    auto remember = mDb.prepare("UPDATE import_images SET submission_id = ? WHERE key = ?");
    std::int64_t items = 0;
    while (images.step()) {
        if (!mShapesByImage.count(images.integer(0)))
            continue;
        submit.bindAll(images.integer(1), labeler, now, epoch).run();
        remember.bindAll(mDb.lastInsertRowId(), images.integer(0)).run();
        ++items;
    }
    mDb.exec("INSERT INTO annotations (submission_id, class_id, kind, geometry, score) SELECT m.submission_id, "
             "c.class_id, s.kind, s.geometry, s.score " +
             chosenShapes(oneTagPerImage) + " AND m.submission_id IS NOT NULL ORDER BY s.rowid");
    const std::int64_t annotations = mDb.changes();
    mDb.exec("UPDATE items SET status = 'labeled' WHERE id IN (SELECT item_id FROM import_images WHERE submission_id "
             "IS NOT NULL) AND status IN ('unlabeled', 'skipped')");
    return {items, annotations};
}

std::int64_t LabelImportTable::writeSuggestions(std::int64_t now, bool oneTagPerImage)
{
    mDb.prepare("INSERT INTO predictions (item_id, class_id, kind, geometry, score, created_at, origin) SELECT "
                "m.item_id, c.class_id, s.kind, s.geometry, s.score, ?, 'imported' " +
                chosenShapes(oneTagPerImage) + " ORDER BY s.rowid")
        .bindAll(now)
        .run();
    return mDb.changes();
}

std::vector<ItemId> LabelImportTable::labeledItems()
{
    auto row = mDb.prepare("SELECT item_id FROM import_images WHERE submission_id IS NOT NULL ORDER BY item_id");
    std::vector<ItemId> ids;
    while (row.step())
        ids.push_back(row.integer(0));
    return ids;
}

} // namespace pixmark::store
