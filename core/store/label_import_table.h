#pragma once
// SQL for importing labels: what a file holds is first written to temporary tables (so a
// file of millions of shapes is never held in memory), then turned into submissions or
// suggestions in the caller's transaction.

#include "core/model/labeling.h"

#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

namespace pixmark::sqlite {
class Database;
class Statement;
} // namespace pixmark::sqlite

namespace pixmark::store {

struct ImportedImageRow {
    std::int64_t key = 0;
    std::string reference;
    int width = 0;
    int height = 0;
};

class LabelImportTable {
public:
    explicit LabelImportTable(sqlite::Database& db);
    ~LabelImportTable();
    LabelImportTable(const LabelImportTable&) = delete;
    LabelImportTable& operator=(const LabelImportTable&) = delete;

    void addImage(std::int64_t key, const std::string& reference, int width, int height);
    void addShape(std::int64_t imageKey, const std::string& category, AnnotationKind kind, const std::string& geometry,
                  std::optional<double> score);
    std::vector<ImportedImageRow> images();
    /// Category names used by shapes, with how many shapes use each.
    const std::map<std::string, std::int64_t>& categories() const { return mCategories; }
    /// How many shapes refer to an image key no image row has.
    std::int64_t shapesWithoutImage() const;
    std::int64_t shapeCount() const { return mShapes; }
    /// How many shapes of each kind were added.
    const std::map<AnnotationKind, std::int64_t>& kinds() const { return mKinds; }
    void setItem(std::int64_t key, ItemId item);
    void setClass(const std::string& category, ClassId classId);
    /// Shapes of kinds other than keepKinds on matched images, for the caller to convert
    /// (row id, image key, kind, geometry); replaceShape writes the converted form back.
    std::vector<std::tuple<std::int64_t, std::int64_t, AnnotationKind, std::string>> shapesToConvert(
        const std::vector<AnnotationKind>& keepKinds);
    void replaceShape(std::int64_t rowId, AnnotationKind kind, const std::string& geometry);
    /// Final labels: one submission per matched image with shapes, by labeler, origin
    /// imported; oneTagPerImage keeps only the first tag of an image (multi-class).
    /// Returns (items labeled, annotations written).
    std::pair<std::int64_t, std::int64_t> writeSubmissions(LabelerId labeler, int epoch, std::int64_t now,
                                                           bool oneTagPerImage);
    /// Suggestions (origin imported) on the matched images; returns how many.
    std::int64_t writeSuggestions(std::int64_t now, bool oneTagPerImage);
    /// Items that got a submission from this import.
    std::vector<ItemId> labeledItems();

private:
    sqlite::Database& mDb;
    std::unique_ptr<sqlite::Statement> mImage;
    std::unique_ptr<sqlite::Statement> mShape;
    std::unique_ptr<sqlite::Statement> mSetItem;
    // Kept while adding, so that millions of shapes need no extra scans afterwards.
    std::map<std::string, std::int64_t> mCategories;
    std::map<AnnotationKind, std::int64_t> mKinds;
    std::unordered_map<std::int64_t, std::int64_t> mShapesByImage;
    std::unordered_set<std::int64_t> mImageKeys;
    std::int64_t mShapes = 0;
};

} // namespace pixmark::store
